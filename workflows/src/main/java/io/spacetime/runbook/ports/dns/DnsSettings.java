package io.spacetime.runbook.ports.dns;

import java.util.List;

/**
 * Runbook 1.4 DNS Configuration as the environment describes it: the public record that must
 * point at current production with a low TTL ({@code dig spacetime-api.company.com}).
 *
 * @param record the name to look up; empty: not configured, and the report says so
 * @param resolver {@code host} or {@code host:port} of the DNS server to ask; empty: the worker's own resolvers
 * @param expectedAddresses the production addresses the record must answer with; empty: the
 *     environment's hosts' service addresses
 * @param maxTtlSeconds the runbook's "TTL reduced to 300 seconds"
 * @param externalStatusUrl Step 10 "Test from external network (use production domain)": the
 *     public {@code /status} URL, asked from the worker; empty: not checked, and the report says so
 */
public record DnsSettings(
    String record, String resolver, List<String> expectedAddresses, Integer maxTtlSeconds, String externalStatusUrl) {

  public DnsSettings {
    record = record == null ? "" : record;
    resolver = resolver == null ? "" : resolver;
    expectedAddresses = expectedAddresses == null ? List.of() : List.copyOf(expectedAddresses);
    maxTtlSeconds = maxTtlSeconds == null ? 300 : maxTtlSeconds;
    externalStatusUrl = externalStatusUrl == null ? "" : externalStatusUrl;
  }

  public static DnsSettings none() {
    return new DnsSettings(null, null, null, null, null);
  }

  public boolean configured() {
    return !record.isEmpty();
  }
}
