package io.spacetime.runbook.ports.aws;

import io.temporal.activity.ActivityInterface;

/** Runbook 1.3 "Security Group Setup": {@code aws ec2 describe-security-groups}. */
@ActivityInterface
public interface SecurityGroupActivities {

  /**
   * The inbound rules of {@code aws.securityGroups.groupIds}. An unknown group, region or missing
   * permission fails without retry, with AWS's error code and message.
   */
  SecurityGroupReport describeSecurityGroups(AwsSettings aws);
}
