package io.spacetime.runbook.ports.aws;

import java.util.List;

/**
 * Runbook 1.4 "DNS records point to current production" and "TTL reduced to 300 seconds", read
 * from Route 53 itself (what resolvers will be told, not what a cache still holds).
 *
 * @param hostedZoneId the zone holding the record ({@code Z...} or {@code /hostedzone/Z...});
 *     empty: not configured
 * @param recordName the production name, e.g. {@code spacetime-api.company.com}
 * @param expectedAliasTarget the production endpoint when the record is an alias (the load
 *     balancer's DNS name); empty: the record is A records
 * @param expectedAddresses the production addresses of an A record; empty: the hosts' service addresses
 * @param maxTtlSeconds the runbook's 300
 * @param deploymentTtlSeconds above 0: the TTL is lowered to this before the first change and
 *     restored after the run (and on rollback); 0: the TTL is only checked
 */
public record Route53Settings(
    String hostedZoneId, String recordName, String expectedAliasTarget, List<String> expectedAddresses,
    Integer maxTtlSeconds, Integer deploymentTtlSeconds) {

  public Route53Settings {
    hostedZoneId = hostedZoneId == null ? "" : hostedZoneId;
    recordName = recordName == null ? "" : recordName;
    expectedAliasTarget = expectedAliasTarget == null ? "" : expectedAliasTarget;
    expectedAddresses = expectedAddresses == null ? List.of() : List.copyOf(expectedAddresses);
    maxTtlSeconds = maxTtlSeconds == null ? 300 : maxTtlSeconds;
    deploymentTtlSeconds = deploymentTtlSeconds == null ? 0 : deploymentTtlSeconds;
  }

  public static Route53Settings none() {
    return new Route53Settings(null, null, null, null, null, null);
  }

  public boolean configured() {
    return !hostedZoneId.isEmpty();
  }

  public boolean lowersTtl() {
    return configured() && deploymentTtlSeconds > 0;
  }
}
