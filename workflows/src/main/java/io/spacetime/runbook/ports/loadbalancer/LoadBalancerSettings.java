package io.spacetime.runbook.ports.loadbalancer;

/**
 * Step 9 "Load Balancer Integration" and the rolling steps around it. {@code type: none} means the
 * environment has no load balancer and Step 9 reports that instead of pretending to register;
 * {@code type: aws} is an ELBv2 (ALB/NLB) target group.
 *
 * @param region the target group's region; empty: the environment's {@code aws.region}
 * @param targetGroupArn the ELBv2 target group (type {@code aws})
 * @param targetPort the port each target is registered with
 * @param endpointUrl endpoint override (a moto server in tests); empty: {@code aws.endpointUrl}, or AWS itself
 * @param healthTimeoutSeconds how long a registered target may take to become {@code healthy}
 * @param drainTimeoutSeconds how long a deregistered target may stay {@code draining} before the
 *     host is stopped anyway is refused (the target group's deregistration delay, 300 s by default on AWS)
 */
public record LoadBalancerSettings(
    String type, String region, String targetGroupArn, Integer targetPort, String endpointUrl,
    Integer healthTimeoutSeconds, Integer drainTimeoutSeconds) {

  public LoadBalancerSettings {
    type = type == null ? "none" : type;
    region = region == null ? "" : region;
    targetGroupArn = targetGroupArn == null ? "" : targetGroupArn;
    targetPort = targetPort == null ? 8080 : targetPort;
    endpointUrl = endpointUrl == null ? "" : endpointUrl;
    healthTimeoutSeconds = healthTimeoutSeconds == null ? 300 : healthTimeoutSeconds;
    drainTimeoutSeconds = drainTimeoutSeconds == null ? 300 : drainTimeoutSeconds;
  }

  public static LoadBalancerSettings none() {
    return new LoadBalancerSettings("none", null, null, null, null, null, null);
  }

  /** An ELBv2 target group, with the defaults for the rest. */
  public static LoadBalancerSettings aws(String region, String targetGroupArn, String endpointUrl) {
    return new LoadBalancerSettings("aws", region, targetGroupArn, null, endpointUrl, null, null);
  }

  public boolean configured() {
    return !"none".equals(type);
  }

  public boolean aws() {
    return "aws".equals(type);
  }

  /** These settings with the account's region and endpoint where they name none of their own. */
  public LoadBalancerSettings inAccount(String accountRegion, String accountEndpointUrl) {
    return new LoadBalancerSettings(type, region.isEmpty() ? accountRegion : region, targetGroupArn, targetPort,
        endpointUrl.isEmpty() ? accountEndpointUrl : endpointUrl, healthTimeoutSeconds, drainTimeoutSeconds);
  }

  public LoadBalancerSettings withTimeouts(int healthSeconds, int drainSeconds) {
    return new LoadBalancerSettings(type, region, targetGroupArn, targetPort, endpointUrl, healthSeconds, drainSeconds);
  }
}
