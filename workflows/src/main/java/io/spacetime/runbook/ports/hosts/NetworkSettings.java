package io.spacetime.runbook.ports.hosts;

import java.util.List;

/**
 * Runbook 1.2 Network Configuration as the environment describes it: the internal hostname each
 * host must resolve ({@code nslookup spacetime-api.internal.company.com}) and the monitoring
 * servers it must reach quickly. Empty settings mean "not configured": the report says so.
 *
 * @param internalHostname resolved on each host with the host's own resolver; empty: not checked
 * @param monitoringEndpoints {@code host:port} of each monitoring server; a TCP connect from each
 *     host measures the latency
 * @param maxLatencyMs the runbook's "Network latency < 10ms to monitoring servers"
 */
public record NetworkSettings(String internalHostname, List<String> monitoringEndpoints, Integer maxLatencyMs) {

  public NetworkSettings {
    internalHostname = internalHostname == null ? "" : internalHostname;
    monitoringEndpoints = monitoringEndpoints == null ? List.of() : List.copyOf(monitoringEndpoints);
    maxLatencyMs = maxLatencyMs == null ? 10 : maxLatencyMs;
  }

  public static NetworkSettings none() {
    return new NetworkSettings(null, null, null);
  }
}
