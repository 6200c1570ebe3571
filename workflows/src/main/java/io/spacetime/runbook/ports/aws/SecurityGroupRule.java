package io.spacetime.runbook.ports.aws;

/**
 * One inbound rule of a security group, one source per rule (a permission with three CIDRs is three
 * of these), as EC2 DescribeSecurityGroups reports it.
 *
 * @param protocol {@code tcp}, {@code udp}, or {@code -1} for every protocol (then every port)
 * @param source a CIDR ({@code 10.0.0.0/8}, {@code ::/0}), or {@code sg-...} for a group reference
 */
public record SecurityGroupRule(
    String groupId, String groupName, String protocol, int fromPort, int toPort, String source, String description) {

  public SecurityGroupRule {
    groupId = groupId == null ? "" : groupId;
    groupName = groupName == null ? "" : groupName;
    protocol = protocol == null ? "" : protocol;
    source = source == null ? "" : source;
    description = description == null ? "" : description;
  }

  /** True when this rule lets TCP traffic to {@code port} in. */
  public boolean coversTcp(int port) {
    return "-1".equals(protocol) || ("tcp".equals(protocol) || "6".equals(protocol)) && fromPort <= port && port <= toPort;
  }

  /** "sg-1 (api) tcp 8080-8081 from 10.0.0.0/8", for reports. */
  public String describe() {
    String ports = "-1".equals(protocol) ? "all traffic" : protocol + " " + (fromPort == toPort ? fromPort : fromPort + "-" + toPort);
    return groupId + (groupName.isEmpty() ? "" : " (" + groupName + ")") + " " + ports + " from " + source;
  }
}
