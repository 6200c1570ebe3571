package io.spacetime.runbook.ports.aws;

import java.util.List;

/**
 * A Route 53 record as the zone holds it.
 *
 * @param found false when the zone has no record of that name (then the rest is empty)
 * @param ttlSeconds the record's TTL; -1 for an alias (an alias has the target's TTL)
 * @param values the A record's addresses
 * @param aliasTarget the alias target's DNS name, without the trailing dot; empty for A records
 */
public record DnsRecordSet(
    String hostedZoneId, String name, boolean found, String type, long ttlSeconds, List<String> values,
    String aliasTarget, String changeStatus) {

  public DnsRecordSet {
    hostedZoneId = hostedZoneId == null ? "" : hostedZoneId;
    name = name == null ? "" : name;
    type = type == null ? "" : type;
    values = values == null ? List.of() : List.copyOf(values);
    aliasTarget = aliasTarget == null ? "" : aliasTarget;
    changeStatus = changeStatus == null ? "" : changeStatus;
  }

  public boolean alias() {
    return !aliasTarget.isEmpty();
  }
}
