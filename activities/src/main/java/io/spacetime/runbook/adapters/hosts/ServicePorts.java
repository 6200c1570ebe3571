package io.spacetime.runbook.adapters.hosts;

import io.spacetime.runbook.adapters.hosts.SsListenParser.Listener;
import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.PortUsage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who listens on the service's ports: {@code ss -H -ltnp} filtered to those ports on the host,
 * then only listeners on the host's service address or a wildcard address count (sandbox hosts
 * share one kernel, so another host's listener on 127.0.55.2 is not ours on 127.0.55.1).
 */
final class ServicePorts {

  /** The parsed listeners of one {@code ss} run. */
  record Listening(HostTarget host, List<Listener> listeners, CommandRun run) {

    PortUsage.PortHolder holder(int port) {
      return listeners.stream()
          .filter(l -> l.port() == port && l.servesAddress(host.serviceAddress()))
          .findFirst()
          .map(l -> new PortUsage.PortHolder(port, true, l.process(), l.pid()))
          .orElse(new PortUsage.PortHolder(port, false, "", 0));
    }

    List<Integer> listeningPorts(List<Integer> ports) {
      return ports.stream().filter(port -> holder(port).listening()).toList();
    }
  }

  private ServicePorts() {}

  /** The {@code ss} command for these ports; its output is read by {@link #parse}. */
  static ShellCommand command(List<Integer> ports) {
    String filter = ports.stream().map(port -> "sport = :" + port).collect(Collectors.joining(" or "));
    return ShellCommand.of("ss", "-H", "-ltnp", filter);
  }

  static Listening inspect(RemoteShell shell, List<Integer> ports) {
    CommandRun run = shell.run(command(ports)).requireSuccess("listing listening sockets with ss (package iproute2)");
    return parse(shell.host(), run.stdout(), run);
  }

  static Listening parse(HostTarget host, String ssOutput, CommandRun run) {
    return new Listening(host, SsListenParser.parse(ssOutput), run);
  }
}
