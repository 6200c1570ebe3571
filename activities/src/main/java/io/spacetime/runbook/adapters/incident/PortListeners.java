package io.spacetime.runbook.adapters.incident;

import io.spacetime.runbook.adapters.hosts.SsListenParser;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.HostTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who listens on one port of a host: {@code ss -H -ltnp} for that port, counting only listeners on
 * the host's service address or a wildcard address (sandbox hosts share one kernel). Every pid
 * {@code ss} names for the socket is kept: a forked server shares its socket with its children.
 */
final class PortListeners {

  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  /** What {@code ss} showed for the port. */
  record Seen(boolean listening, List<Integer> pids, String process) {

    /** The first pid {@code ss} names, 0 when none is visible. */
    int pid() {
      return pids.isEmpty() ? 0 : pids.get(0);
    }
  }

  private PortListeners() {}

  static ShellCommand command(int port) {
    return ShellCommand.of("ss", "-H", "-ltnp", "sport = :" + port);
  }

  static Seen parse(HostTarget host, int port, String ssOutput) {
    boolean listening = false;
    Set<Integer> pids = new LinkedHashSet<>();
    String process = "";
    for (String line : ssOutput.split("\n")) {
      List<SsListenParser.Listener> parsed = SsListenParser.parse(line);
      if (parsed.isEmpty()) {
        continue;
      }
      SsListenParser.Listener listener = parsed.get(0);
      if (listener.port() != port || !listener.servesAddress(host.serviceAddress())) {
        continue;
      }
      listening = true;
      if (process.isEmpty()) {
        process = listener.process();
      }
      Matcher pid = PID.matcher(line);
      while (pid.find()) {
        pids.add(Integer.parseInt(pid.group(1)));
      }
    }
    return new Seen(listening, new ArrayList<>(pids), process);
  }
}
