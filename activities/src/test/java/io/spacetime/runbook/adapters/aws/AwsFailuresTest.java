package io.spacetime.runbook.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which AWS errors a retry may fix, from errors as AWS sends them (the real ones from moto, IAM
 * enforced, are in Elbv2LoadBalancerTest and SecurityGroupActivitiesTest).
 */
class AwsFailuresTest {

  @Test
  void aMissingPermissionIsRefusedNamingTheCredentials() {
    ApplicationFailure failure = AwsFailures.of(error("AccessDenied", 403,
        "User: arn:aws:iam::123456789012:user/runbook is not authorized to perform: elasticloadbalancing:RegisterTargets"),
        "elbv2 RegisterTargets of i-1", "loadBalancer.targetGroupArn");

    assertEquals("AwsRequestRefused", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("AccessDenied: User: arn:aws:iam::123456789012:user/runbook is not"
        + " authorized"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("the worker's AWS credentials (default provider chain) lack this"
        + " permission"), failure.getOriginalMessage());
  }

  @Test
  void throttlingAndServerErrorsAreLeftToTemporalsRetries() {
    assertFalse(AwsFailures.of(error("Throttling", 400, "Rate exceeded"), "elbv2 DescribeTargetHealth", "").isNonRetryable());
    assertFalse(AwsFailures.of(error("InternalFailure", 500, "oops"), "elbv2 DescribeTargetHealth", "").isNonRetryable());
  }

  @Test
  void noCredentialsAtAllIsRefusedSayingWhereTheyComeFrom() {
    ApplicationFailure failure = AwsFailures.of(SdkClientException.create("Unable to load credentials from any of the"
        + " providers in the chain"), "ec2 DescribeSecurityGroups", "aws.region");

    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("never in the environment file"), failure.getOriginalMessage());
  }

  @Test
  void anUnreachableEndpointIsRetried() {
    ApplicationFailure failure = AwsFailures.of(SdkClientException.create("Unable to execute HTTP request: Connection"
        + " refused"), "route53 ListResourceRecordSets", "aws.endpointUrl");

    assertEquals("AwsRequestFailed", failure.getType());
    assertFalse(failure.isNonRetryable());
  }

  private static AwsServiceException error(String code, int status, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }
}
