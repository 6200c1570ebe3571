package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Everything a host activity needs about one host, without the rest of the inventory: how to reach
 * it, its directory layout, the service's commands and the service's ports (the API port first).
 * One record, so host activities take {@code (HostContext host, ...)} instead of the same four
 * values in every signature.
 */
public record HostContext(HostTarget target, Layout layout, ServiceCommands service, List<Integer> ports) {

  public HostContext {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** The host's name, as reports and step titles use it. */
  public String name() {
    return target.name();
  }
}
