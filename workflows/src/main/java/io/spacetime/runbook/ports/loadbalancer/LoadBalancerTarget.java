package io.spacetime.runbook.ports.loadbalancer;

/**
 * One host as the load balancer knows it: the host's name (for reports) and its id in the target
 * group (an EC2 instance id), with the address its service answers on.
 */
public record LoadBalancerTarget(String host, String targetId, String address) {

  public LoadBalancerTarget {
    host = host == null ? "" : host;
    targetId = targetId == null ? "" : targetId;
    address = address == null ? "" : address;
  }
}
