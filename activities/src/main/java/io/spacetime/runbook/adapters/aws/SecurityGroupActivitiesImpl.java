package io.spacetime.runbook.adapters.aws;

import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.SecurityGroupActivities;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.aws.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** 1.3 over EC2 DescribeSecurityGroups: every inbound rule of the named groups, one source per rule. */
public final class SecurityGroupActivitiesImpl implements SecurityGroupActivities {

  private final AwsClients clients;

  public SecurityGroupActivitiesImpl(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public SecurityGroupReport describeSecurityGroups(AwsSettings aws) {
    List<String> ids = aws.securityGroups().groupIds();
    long started = System.nanoTime();
    List<SecurityGroup> groups;
    try {
      groups = clients.ec2(aws.region(), aws.endpointUrl()).describeSecurityGroups(r -> r.groupIds(ids)).securityGroups();
    } catch (SdkException e) {
      throw AwsFailures.of(e, "ec2 DescribeSecurityGroups of " + String.join(", ", ids),
          "aws.securityGroups.groupIds and aws.region (" + aws.region() + ")");
    }
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (SecurityGroup group : groups) {
      for (IpPermission p : group.ipPermissions()) {
        rules.addAll(rules(group, p));
      }
    }
    return new SecurityGroupReport(groups.stream().map(SecurityGroup::groupId).toList(), rules,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static List<SecurityGroupRule> rules(SecurityGroup group, IpPermission p) {
    // Protocol -1 (all traffic) has no ports; it covers them all.
    int from = p.fromPort() == null || p.fromPort() < 0 ? 0 : p.fromPort();
    int to = p.toPort() == null || p.toPort() < 0 ? 65535 : p.toPort();
    List<SecurityGroupRule> rules = new ArrayList<>();
    p.ipRanges().forEach(r -> rules.add(rule(group, p, from, to, r.cidrIp(), r.description())));
    p.ipv6Ranges().forEach(r -> rules.add(rule(group, p, from, to, r.cidrIpv6(), r.description())));
    p.userIdGroupPairs().forEach(r -> rules.add(rule(group, p, from, to, r.groupId(), r.description())));
    p.prefixListIds().forEach(r -> rules.add(rule(group, p, from, to, r.prefixListId(), r.description())));
    return rules;
  }

  private static SecurityGroupRule rule(SecurityGroup g, IpPermission p, int from, int to, String source, String description) {
    return new SecurityGroupRule(g.groupId(), g.groupName(), p.ipProtocol(), from, to, source, description);
  }
}
