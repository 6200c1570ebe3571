package io.spacetime.runbook.ports.aws;

import java.util.List;

/** What 1.3 read: the groups found and every inbound rule of theirs, one source per rule. */
public record SecurityGroupReport(List<String> groupIds, List<SecurityGroupRule> rules, long durationMs) {

  public SecurityGroupReport {
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
