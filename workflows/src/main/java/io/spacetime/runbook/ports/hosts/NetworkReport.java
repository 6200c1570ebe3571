package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 1.2 as seen from one host: the firewall's INPUT rules ({@code iptables -S INPUT}, when
 * the deploy user may read them), how the internal hostname resolves with the host's resolver
 * ({@code getent hosts}), and the TCP connect time to each monitoring server.
 *
 * @param firewallRules the {@code iptables -S INPUT} lines; empty when {@code firewallUnreadable} says why
 * @param firewallUnreadable why the rules could not be read ("iptables is not installed", "Permission denied"), empty when read
 * @param resolvedAddresses the internal hostname's addresses; empty when it did not resolve (or none is configured)
 * @param resolveError why it did not resolve, empty otherwise
 */
public record NetworkReport(
    String host,
    List<String> firewallRules,
    String firewallUnreadable,
    String internalHostname,
    List<String> resolvedAddresses,
    String resolveError,
    List<Latency> latencies,
    List<CommandEvidence> commands) {

  /** The TCP connect time from the host to one monitoring endpoint; {@code error} when it did not connect. */
  public record Latency(String endpoint, double millis, String error) {

    public Latency {
      error = error == null ? "" : error;
    }
  }

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public NetworkReport {
    host = host == null ? "" : host;
    firewallRules = firewallRules == null ? List.of() : firewallRules;
    firewallUnreadable = firewallUnreadable == null ? "" : firewallUnreadable;
    internalHostname = internalHostname == null ? "" : internalHostname;
    resolvedAddresses = resolvedAddresses == null ? List.of() : resolvedAddresses;
    resolveError = resolveError == null ? "" : resolveError;
    latencies = latencies == null ? List.of() : latencies;
    commands = commands == null ? List.of() : commands;
  }
}
