package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbook 1.2 Network Configuration beyond the ports: the firewall lets the service's ports in,
 * the internal hostname resolves on the host, and the monitoring servers are close (< 10 ms).
 */
public final class NetworkGate {

  public static final String GATE = "network";

  private static final Pattern POLICY = Pattern.compile("^-P INPUT (\\w+)");
  private static final Pattern DPORTS = Pattern.compile("--dports? ([0-9:,]+)");

  private NetworkGate() {}

  /**
   * "Firewall rules allow ports ...", read from {@code iptables -S INPUT} as the kernel applies it:
   * with an ACCEPT policy a port is allowed unless a DROP or REJECT rule names it; with a DROP
   * policy it needs an ACCEPT rule that names it. Rules that match by address or state only are
   * not read as naming a port.
   */
  public static GateResult firewallAllows(NetworkReport r, List<Integer> ports) {
    String host = Measures.on(r.host());
    String policy = r.firewallRules().stream().map(POLICY::matcher).filter(Matcher::find).map(m -> m.group(1))
        .findFirst().orElse("ACCEPT");
    List<Integer> blocked = new ArrayList<>();
    for (int port : ports) {
      boolean accepted = names(r.firewallRules(), port, "ACCEPT");
      boolean refused = names(r.firewallRules(), port, "DROP") || names(r.firewallRules(), port, "REJECT");
      boolean allowed = policy.equals("ACCEPT") ? !refused : accepted;
      if (!allowed) {
        blocked.add(port);
      }
    }
    return blocked.isEmpty()
        ? GateResult.pass(GATE, "the firewall (INPUT policy " + policy + ") lets ports " + ports + " in" + host)
        : GateResult.fail(GATE, "the firewall (INPUT policy " + policy + ") does not let ports " + blocked + " in" + host
            + ": add ACCEPT rules for them");
  }

  /** "DNS resolution works for internal hostname", with the host's own resolver. */
  public static GateResult resolves(NetworkReport r) {
    String host = Measures.on(r.host());
    return r.resolvedAddresses().isEmpty()
        ? GateResult.fail(GATE, r.internalHostname() + " does not resolve" + host
            + (r.resolveError().isEmpty() ? "" : " (" + r.resolveError() + ")"))
        : GateResult.pass(GATE, r.internalHostname() + " resolves to " + String.join(", ", r.resolvedAddresses()) + host);
  }

  /** "Network latency < 10ms to monitoring servers": the TCP connect time from the host to each. */
  public static GateResult latency(NetworkReport r, int maxMs) {
    String host = Measures.on(r.host());
    List<GateResult> parts = r.latencies().stream().map(l -> {
      if (!l.error().isEmpty()) {
        return GateResult.fail(GATE, l.endpoint() + " unreachable" + host + " (" + l.error() + ")");
      }
      return l.millis() < maxMs
          ? GateResult.pass(GATE, l.endpoint() + " " + Measures.ms(l.millis()) + " < " + maxMs + " ms" + host)
          : GateResult.fail(GATE, l.endpoint() + " " + Measures.ms(l.millis()) + " >= " + maxMs + " ms allowed" + host);
    }).toList();
    return GateResult.allOf(GATE, parts);
  }

  private static boolean names(List<String> rules, int port, String target) {
    for (String rule : rules) {
      if (!rule.startsWith("-A INPUT") || !rule.contains("-j " + target)) {
        continue;
      }
      Matcher m = DPORTS.matcher(rule);
      while (m.find()) {
        for (String part : m.group(1).split(",")) {
          String[] range = part.split(":");
          int low = Integer.parseInt(range[0]);
          int high = range.length > 1 && !range[1].isEmpty() ? Integer.parseInt(range[1]) : low;
          if (port >= low && port <= high) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
