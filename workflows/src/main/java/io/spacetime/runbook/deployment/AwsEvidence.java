package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.spacetime.runbook.service.EvidenceOf;
import java.util.Map;

/** What the AWS steps saw, for the report, written as the runbook's {@code aws} commands would ask it. */
public final class AwsEvidence {

  private AwsEvidence() {}

  public static Evidence targetGroup(TargetGroupReport r) {
    return new Evidence("", "aws elbv2 describe-target-groups / describe-target-health --target-group-arn "
        + r.targetGroupArn(), r.name() + " " + r.protocol() + " " + r.port(), "", EvidenceOf.observed(
        "health check", r.healthCheck(),
        "targets", String.join(", ", r.targets().stream().map(t -> t.host() + " " + t.targetId() + " " + t.state()).toList())),
        r.durationMs());
  }

  public static Evidence deregistration(TargetRegistration r) {
    return new Evidence(r.host(), "aws elbv2 deregister-targets --targets Id=" + r.targetId() + " (then wait for draining)",
        r.state(), r.detail(), Map.of(), 0);
  }

  static Evidence securityGroups(SecurityGroupReport r) {
    return new Evidence("", "aws ec2 describe-security-groups --group-ids " + String.join(" ", r.groupIds()),
        r.rules().size() + " inbound rules", "", EvidenceOf.observed(
        "rules", String.join("; ", r.rules().stream().map(rule -> rule.describe()).toList())), r.durationMs());
  }

  static Evidence record(String action, DnsRecordSet r) {
    return new Evidence("", action + " " + r.name() + " (zone " + r.hostedZoneId() + ")",
        r.found() ? r.type() + (r.alias() ? " alias" : " TTL " + r.ttlSeconds()) : "not found", "", EvidenceOf.observed(
        "values", String.join(", ", r.values()), "alias target", r.aliasTarget(), "change", r.changeStatus()), 0);
  }
}
