package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.aws.SecurityGroupRule;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityGroupGateTest {

  static final List<Integer> PORTS = List.of(8080, 8081);
  static final SecurityGroupSettings INTERNAL = new SecurityGroupSettings(List.of("sg-1"), List.of("10.0.0.0/8"), null, null);

  @Test
  void aSourceInsideAnApprovedCidrIsApproved() {
    assertTrue(SecurityGroupGate.within("10.20.0.0/16", "10.0.0.0/8"));
    assertTrue(SecurityGroupGate.within("10.0.0.0/8", "10.0.0.0/8"));
    assertFalse(SecurityGroupGate.within("10.0.0.0/7", "10.0.0.0/8"), "wider than approved");
    assertFalse(SecurityGroupGate.within("11.0.0.0/16", "10.0.0.0/8"));
    assertFalse(SecurityGroupGate.within("0.0.0.0/0", "10.0.0.0/8"));
    assertTrue(SecurityGroupGate.within("1.2.3.4/32", "0.0.0.0/0"));
  }

  @Test
  void anAllTrafficRuleCoversEveryPort() {
    GateResult allowed = SecurityGroupGate.allowsPorts(report(rule("-1", 0, 65535, "10.0.0.0/8")), INTERNAL, PORTS);
    assertTrue(allowed.passed(), allowed.reason());
  }

  @Test
  void aRuleOpenToTheWorldFailsOnAnyPortUnlessAllowed() {
    SecurityGroupReport ssh = report(rule("tcp", 8080, 8081, "10.0.0.0/8"), rule("tcp", 22, 22, "0.0.0.0/0"));
    GateResult verdict = SecurityGroupGate.sourcesRestricted(ssh, INTERNAL, PORTS);
    assertFalse(verdict.passed());
    assertEquals("rule sg-1 (api) tcp 22 from 0.0.0.0/0 is open to the whole internet (0.0.0.0/0), which this"
        + " environment forbids (aws.securityGroups.allowOpenToWorld: false)", verdict.reason());
    SecurityGroupSettings allowed = new SecurityGroupSettings(List.of("sg-1"), List.of("10.0.0.0/8"), null, true);
    assertTrue(SecurityGroupGate.sourcesRestricted(ssh, allowed, PORTS).passed(), "port 22 is no service port");
  }

  @Test
  void aGroupReferenceIsNotAnAddressAndPasses() {
    SecurityGroupReport fromAlb = report(rule("tcp", 8080, 8081, "10.0.0.0/8"), rule("tcp", 8080, 8080, "sg-alb"));
    assertTrue(SecurityGroupGate.sourcesRestricted(fromAlb, INTERNAL, PORTS).passed());
  }

  private static SecurityGroupReport report(SecurityGroupRule... rules) {
    return new SecurityGroupReport(List.of("sg-1"), List.of(rules), 1);
  }

  private static SecurityGroupRule rule(String protocol, int from, int to, String source) {
    return new SecurityGroupRule("sg-1", "api", protocol, from, to, source, "");
  }
}
