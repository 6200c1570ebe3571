package io.spacetime.runbook.ports.aws;

import java.util.List;

/**
 * Runbook 1.3 "Security groups allow required ports" and "Source IP restrictions are correct".
 *
 * @param groupIds the security groups in front of the hosts ({@code sg-...}); empty: 1.3 reports
 *     them as not checked
 * @param approvedCidrs the sources each service port must be open to, and the only ones it may be
 *     open to
 * @param ports the ports to check; empty: the environment's service ports ({@code ports})
 * @param allowOpenToWorld false (the default): a rule open to {@code 0.0.0.0/0} or {@code ::/0}
 *     fails 1.3 even when that CIDR is approved
 */
public record SecurityGroupSettings(
    List<String> groupIds, List<String> approvedCidrs, List<Integer> ports, Boolean allowOpenToWorld) {

  public SecurityGroupSettings {
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    approvedCidrs = approvedCidrs == null ? List.of() : List.copyOf(approvedCidrs);
    ports = ports == null ? List.of() : List.copyOf(ports);
    allowOpenToWorld = allowOpenToWorld != null && allowOpenToWorld;
  }

  public static SecurityGroupSettings none() {
    return new SecurityGroupSettings(null, null, null, null);
  }

  public boolean configured() {
    return !groupIds.isEmpty();
  }
}
