package io.spacetime.runbook.ports.aws;

/**
 * The environment's AWS account as the runbook's AWS steps reach it: 1.3's security groups, 1.4's
 * Route 53 record, and the defaults for Step 9's load balancer. Credentials are never here: the
 * worker takes them from the SDK's default provider chain (environment variables, system
 * properties, the profile file, the instance role), so they never reach workflow history.
 *
 * @param region the AWS region, e.g. {@code us-east-1}; empty: the environment uses no AWS
 * @param endpointUrl an endpoint override for every AWS service (a moto server in tests); empty
 *     for AWS itself
 */
public record AwsSettings(
    String region, String endpointUrl, SecurityGroupSettings securityGroups, Route53Settings route53) {

  public AwsSettings {
    region = region == null ? "" : region;
    endpointUrl = endpointUrl == null ? "" : endpointUrl;
    securityGroups = securityGroups == null ? SecurityGroupSettings.none() : securityGroups;
    route53 = route53 == null ? Route53Settings.none() : route53;
  }

  public static AwsSettings none() {
    return new AwsSettings(null, null, null, null);
  }

  public boolean configured() {
    return !region.isEmpty();
  }
}
