package io.spacetime.runbook.ports.loadbalancer;

/**
 * Step 9 "Load Balancer Integration". {@code type: none} means the environment has no load
 * balancer and Step 9 reports that instead of pretending to register.
 *
 * @param targetGroupArn the ELBv2 target group (type {@code aws})
 * @param endpointUrl endpoint override (a moto server in tests), empty for the real AWS endpoint
 */
public record LoadBalancerSettings(
    String type, String region, String targetGroupArn, Integer targetPort, String endpointUrl,
    Integer healthTimeoutSeconds) {

  public LoadBalancerSettings {
    type = type == null ? "none" : type;
    region = region == null ? "" : region;
    targetGroupArn = targetGroupArn == null ? "" : targetGroupArn;
    targetPort = targetPort == null ? 8080 : targetPort;
    endpointUrl = endpointUrl == null ? "" : endpointUrl;
    healthTimeoutSeconds = healthTimeoutSeconds == null ? 300 : healthTimeoutSeconds;
  }

  public static LoadBalancerSettings none() {
    return new LoadBalancerSettings("none", null, null, null, null, null);
  }

  public boolean configured() {
    return !"none".equals(type);
  }
}
