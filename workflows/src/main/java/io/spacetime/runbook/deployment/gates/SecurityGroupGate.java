package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.aws.SecurityGroupRule;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook 1.3 Security Group Setup ({@code aws ec2 describe-security-groups}): every service port
 * is open to an approved source, and no rule of these groups opens anything wider than the approved
 * sources; a rule open to the whole internet fails unless the environment allows it. Each failure
 * names the group, the port and the rule.
 */
public final class SecurityGroupGate {

  public static final String GATE = "security groups";
  private static final List<String> WORLD = List.of("0.0.0.0/0", "::/0");

  private SecurityGroupGate() {}

  /** "Security groups allow required ports": each port has a rule from an approved CIDR. */
  public static GateResult allowsPorts(SecurityGroupReport report, SecurityGroupSettings settings, List<Integer> ports) {
    List<GateResult> parts = new ArrayList<>();
    for (int port : ports) {
      List<SecurityGroupRule> approved = report.rules().stream()
          .filter(r -> r.coversTcp(port) && approved(r.source(), settings.approvedCidrs())).toList();
      parts.add(approved.isEmpty()
          ? GateResult.fail(GATE, "port " + port + " is not open to any approved source ("
              + String.join(", ", settings.approvedCidrs()) + ") in " + String.join(", ", report.groupIds())
              + ": add an inbound tcp " + port + " rule from one of them")
          : GateResult.pass(GATE, "port " + port + " open by " + approved.get(0).describe()));
    }
    return GateResult.allOf(GATE, parts);
  }

  /**
   * "Source IP restrictions are correct": no rule that lets a service port in comes from outside the
   * approved CIDRs, and (unless {@code allowOpenToWorld}) no rule of these groups is open to
   * {@code 0.0.0.0/0} or {@code ::/0}, whatever its port. Rules naming another security group are
   * that group's members, not addresses, and pass.
   */
  public static GateResult sourcesRestricted(SecurityGroupReport report, SecurityGroupSettings settings, List<Integer> ports) {
    List<String> problems = new ArrayList<>();
    for (SecurityGroupRule rule : report.rules()) {
      if (rule.source().startsWith("sg-")) {
        continue;
      }
      if (WORLD.contains(rule.source()) && !settings.allowOpenToWorld()) {
        problems.add("rule " + rule.describe() + " is open to the whole internet (" + rule.source()
            + "), which this environment forbids (aws.securityGroups.allowOpenToWorld: false)");
        continue;
      }
      for (int port : ports) {
        if (rule.coversTcp(port) && !approved(rule.source(), settings.approvedCidrs())) {
          problems.add("rule " + rule.describe() + " lets port " + port + " in from " + rule.source()
              + ", outside the approved sources (" + String.join(", ", settings.approvedCidrs()) + ")");
          break;
        }
      }
    }
    return problems.isEmpty()
        ? GateResult.pass(GATE, report.rules().size() + " inbound rules of " + String.join(", ", report.groupIds())
            + ": every source approved")
        : GateResult.fail(GATE, String.join("; ", problems));
  }

  /** True when {@code source} lies within one of the approved CIDRs (IPv4 by prefix, IPv6 as written). */
  static boolean approved(String source, List<String> approvedCidrs) {
    return approvedCidrs.stream().anyMatch(cidr -> within(source, cidr));
  }

  static boolean within(String source, String cidr) {
    if (source.equals(cidr)) {
      return true;
    }
    long[] inner = ipv4(source);
    long[] outer = ipv4(cidr);
    if (inner == null || outer == null || inner[1] < outer[1]) {
      return false;
    }
    long mask = outer[1] == 0 ? 0 : (0xFFFFFFFFL << (32 - outer[1])) & 0xFFFFFFFFL;
    return (inner[0] & mask) == (outer[0] & mask);
  }

  /** {address, prefix length} of an IPv4 CIDR, or null when it is not one. */
  private static long[] ipv4(String cidr) {
    String[] parts = cidr.split("/");
    String[] octets = parts[0].split("\\.");
    if (parts.length != 2 || octets.length != 4) {
      return null;
    }
    try {
      long address = 0;
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255) {
          return null;
        }
        address = address << 8 | value;
      }
      int prefix = Integer.parseInt(parts[1]);
      return prefix < 0 || prefix > 32 ? null : new long[] {address, prefix};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
