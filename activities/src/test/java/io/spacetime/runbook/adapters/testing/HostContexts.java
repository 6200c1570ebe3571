package io.spacetime.runbook.adapters.testing;

import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import java.util.List;

/** Host contexts for adapter tests: a target with a layout, and the service's commands and ports where they matter. */
public final class HostContexts {

  private HostContexts() {}

  public static HostContext of(HostTarget host, Layout layout, ServiceCommands service, List<Integer> ports) {
    return new HostContext(host, layout, service, ports);
  }

  public static HostContext of(HostTarget host, Layout layout) {
    return new HostContext(host, layout, ServiceCommands.systemd(), List.of());
  }

  /** A host whose deploy root is {@code deployRoot}. */
  public static HostContext rootedAt(HostTarget host, Object deployRoot) {
    return of(host, Layout.defaults().withDeployRoot(deployRoot.toString()));
  }

  /** A host whose service listens on {@code ports}. */
  public static HostContext withPorts(HostTarget host, List<Integer> ports) {
    return new HostContext(host, Layout.defaults(), ServiceCommands.systemd(), ports);
  }
}
