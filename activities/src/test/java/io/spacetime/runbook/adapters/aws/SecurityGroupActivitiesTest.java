package io.spacetime.runbook.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.MotoAws;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.deployment.gates.SecurityGroupGate;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** 1.3 against a real EC2 API (moto server): the groups' rules read, and judged by 1.3's gate. */
class SecurityGroupActivitiesTest {

  static final List<Integer> PORTS = List.of(8080, 8081, 6005, 6006);
  static final List<String> INTERNAL = List.of("10.0.0.0/8");

  final MotoAws aws = new MotoAws();
  final SecurityGroupActivitiesImpl groups = new SecurityGroupActivitiesImpl(aws.clients);

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void groupsThatOpenEveryPortToApprovedSourcesOnlyPass() {
    String api = aws.securityGroup("api", 8080, 8081, "10.0.0.0/8", 6005, 6006, "10.20.0.0/16");
    AwsSettings settings = aws.securityGroups(List.of(api), INTERNAL, PORTS);

    SecurityGroupReport report = groups.describeSecurityGroups(settings);

    assertEquals(List.of(api), report.groupIds());
    assertEquals(2, report.rules().size());
    assertTrue(SecurityGroupGate.allowsPorts(report, settings.securityGroups(), PORTS).passed());
    assertTrue(SecurityGroupGate.sourcesRestricted(report, settings.securityGroups(), PORTS).passed(),
        "10.20.0.0/16 lies within the approved 10.0.0.0/8");
  }

  /** 1.3 with credentials that may not describe security groups: moto enforces IAM, the refusal is AWS's. */
  @Test
  void credentialsThatMayNotDescribeSecurityGroupsAreRefusedWithAwsErrorCode() {
    String api = aws.securityGroup("api", 8080, 8081, "10.0.0.0/8");
    AwsSettings settings = aws.securityGroups(List.of(api), INTERNAL, PORTS);
    AwsBasicCredentials elbOnly = aws.iamUser("runbook-elb-only", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
          "Action": ["elasticloadbalancing:Describe*"]}]}""");
    try (AwsClients asElbOnly = new AwsClients()) {
      aws.enforceIamAs(elbOnly);

      ApplicationFailure failure = assertThrows(ApplicationFailure.class,
          () -> new SecurityGroupActivitiesImpl(asElbOnly).describeSecurityGroups(settings));

      assertEquals("AwsRequestRefused", failure.getType());
      assertTrue(failure.isNonRetryable());
      assertTrue(failure.getOriginalMessage().contains("ec2:DescribeSecurityGroups"), failure.getOriginalMessage());
      assertTrue(failure.getOriginalMessage().contains("lack this permission"), failure.getOriginalMessage());
    } finally {
      aws.stopEnforcingIam();
    }
  }

  @Test
  void aPortNotOpenToAnApprovedSourceFailsNamingGroupAndPort() {
    String api = aws.securityGroup("api", 8080, 8081, "10.0.0.0/8");
    AwsSettings settings = aws.securityGroups(List.of(api), INTERNAL, PORTS);

    GateResult verdict = SecurityGroupGate.allowsPorts(groups.describeSecurityGroups(settings), settings.securityGroups(), PORTS);

    assertFalse(verdict.passed());
    assertTrue(verdict.reason().startsWith("port 6005 is not open to any approved source (10.0.0.0/8) in " + api),
        verdict.reason());
  }

  @Test
  void aRuleOpenToTheWorldFailsNamingGroupPortAndRule() {
    String api = aws.securityGroup("api", 6005, 8081, "10.0.0.0/8", 8080, 8080, "0.0.0.0/0");
    AwsSettings settings = aws.securityGroups(List.of(api), INTERNAL, PORTS);

    GateResult verdict = SecurityGroupGate.sourcesRestricted(groups.describeSecurityGroups(settings),
        settings.securityGroups(), PORTS);

    assertFalse(verdict.passed());
    assertTrue(verdict.reason().contains("rule " + api + " (api) tcp 8080 from 0.0.0.0/0 is open to the whole internet"),
        verdict.reason());
  }

  @Test
  void aRuleFromAnUnapprovedSourceFailsNamingIt() {
    String api = aws.securityGroup("api", 6005, 8081, "10.0.0.0/8", 8080, 8080, "192.168.1.0/24");
    AwsSettings settings = aws.securityGroups(List.of(api), INTERNAL, PORTS);

    GateResult verdict = SecurityGroupGate.sourcesRestricted(groups.describeSecurityGroups(settings),
        settings.securityGroups(), PORTS);

    assertFalse(verdict.passed());
    assertTrue(verdict.reason().contains("lets port 8080 in from 192.168.1.0/24, outside the approved sources"),
        verdict.reason());
  }

  @Test
  void anUnknownGroupIsRefusedWithAwsErrorCode() {
    AwsSettings settings = aws.securityGroups(List.of("sg-0123456789abcdef0"), INTERNAL, PORTS);

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> groups.describeSecurityGroups(settings));

    assertEquals("AwsRequestRefused", failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("InvalidGroup.NotFound: "), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("aws.securityGroups.groupIds"), failure.getOriginalMessage());
  }
}
