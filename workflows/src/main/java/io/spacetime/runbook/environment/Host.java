package io.spacetime.runbook.environment;

/**
 * A production server of the environment.
 *
 * @param name short name used in reports and step titles ("api-1")
 * @param address where SSH reaches the host (name or IP)
 * @param sshPort SSH port, 22 by default
 * @param serviceAddress where the SpaceTime API answers on this host; the SSH address by default
 * @param deployRoot this host's deploy root when it differs from the environment's (sandbox hosts)
 * @param loadBalancerTargetId the host's id in the load balancer's target group (an EC2 instance id)
 */
public record Host(
    String name,
    String address,
    Integer sshPort,
    String serviceAddress,
    String deployRoot,
    String loadBalancerTargetId) {

  public Host {
    sshPort = sshPort == null ? 22 : sshPort;
    serviceAddress = serviceAddress == null || serviceAddress.isBlank() ? address : serviceAddress;
    deployRoot = deployRoot == null ? "" : deployRoot;
    loadBalancerTargetId = loadBalancerTargetId == null ? "" : loadBalancerTargetId;
  }
}
