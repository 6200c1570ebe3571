package io.spacetime.runbook.adapters.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.adapters.testing.MotoAws;
import io.spacetime.runbook.deployment.gates.LoadBalancerGate;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * Step 9 and the rolling steps against a real ELBv2 API (moto server): register and wait healthy,
 * deregister and wait drained, both idempotent; the waits' other endings, with a stopped instance
 * (moto's {@code unused}) or a health source of the test's own where moto cannot produce the state;
 * and bad configuration answered with AWS's error code.
 */
class Elbv2LoadBalancerTest {

  static final Duration POLL = Duration.ofMillis(100);

  MotoAws aws;
  String instance;
  LoadBalancerSettings settings;
  LoadBalancerTarget target;
  Elbv2LoadBalancer lb;

  @BeforeEach
  void aTargetGroupAndAnInstance() {
    aws = new MotoAws();
    instance = aws.instance();
    settings = aws.loadBalancer(aws.targetGroup("spacetime-api"));
    target = new LoadBalancerTarget("api-1", instance, "10.0.1.50");
    lb = new Elbv2LoadBalancer(aws.clients, new Elbv2TargetHealth(aws.clients), POLL);
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void registersTheTargetAndWaitsUntilItIsHealthy() {
    TargetRegistration registered = lb.register(settings, target);

    assertEquals(new TargetRegistration("api-1", instance, "healthy", ""), registered);
    assertTrue(LoadBalancerGate.healthy(registered).passed());
  }

  @Test
  void registeringARegisteredTargetIsFine() {
    lb.register(settings, target);

    assertTrue(lb.register(settings, target).healthy());
  }

  @Test
  void deregistersTheTargetAndWaitsUntilItHasDrained() {
    lb.register(settings, target);

    TargetRegistration gone = lb.deregister(settings, target);

    assertTrue(gone.notRegistered(), gone.toString());
    assertTrue(LoadBalancerGate.drained(gone).passed());
    assertTrue(new Elbv2TargetHealth(aws.clients).read(settings, target).notRegistered());
  }

  @Test
  void deregisteringAnAbsentTargetIsFine() {
    assertTrue(lb.deregister(settings, target).notRegistered(), "never registered");
    lb.register(settings, target);
    lb.deregister(settings, target);

    assertTrue(lb.deregister(settings, target).notRegistered(), "deregistered twice");
  }

  @Test
  void aTargetWhoseInstanceIsStoppedNeverBecomesHealthy() {
    lb.register(settings, target);
    aws.stopInstance(instance);

    TargetRegistration registered = lb.register(settings, target);

    assertEquals("unused", registered.state());
    assertTrue(registered.detail().startsWith("Target.InvalidState"), registered.detail());
    assertTrue(registered.detail().contains("not healthy after"), registered.detail());
    assertTrue(registered.detail().contains("loadBalancer.healthTimeoutSeconds: 2"), registered.detail());
    assertFalse(LoadBalancerGate.healthy(registered).passed());
  }

  @Test
  void aHealthyTargetThatBecomesUnhealthyAfterAWhileFailsThePreflight() {
    assertTrue(lb.register(settings, target).healthy());
    aws.stopInstance(instance);

    TargetGroupReport report = lb.preflight(settings, List.of(target));

    assertEquals("unused", report.targets().get(0).state());
    String reason = LoadBalancerGate.targetsHealthy(report).reason();
    assertFalse(LoadBalancerGate.targetsHealthy(report).passed());
    assertTrue(reason.contains("target " + instance + " of api-1 is unused (Target.InvalidState"), reason);
  }

  @Test
  void waitsThroughInitialUntilHealthy() {
    Scripted health = new Scripted(new Elbv2TargetHealth(aws.clients), "unused", "initial", "initial");
    Elbv2LoadBalancer waiting = new Elbv2LoadBalancer(aws.clients, health, POLL);

    assertTrue(waiting.register(settings, target).healthy());
    assertEquals(4, health.reads, "not registered yet, initial twice, then AWS's healthy");
  }

  @Test
  void heartbeatsWhileItWaits() {
    Scripted health = new Scripted(new Elbv2TargetHealth(aws.clients), "unused", "initial", "initial");
    List<String> beats = new CopyOnWriteArrayList<>();
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(new LoadBalancers(new Elbv2LoadBalancer(aws.clients, health, POLL)));
      temporal.setActivityHeartbeatListener(String.class, beats::add);
      LoadBalancerActivities activity = temporal.newActivityStub(LoadBalancerActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

      assertTrue(activity.register(settings, target).healthy());
    } finally {
      temporal.close();
    }
    // The SDK sends the first heartbeat at once and throttles the rest (the latest details win).
    assertEquals(instance + " initial", beats.get(0), beats.toString());
  }

  @Test
  void aTargetThatTurnsUnhealthyEndsTheWaitAtItsTimeoutNamingTheState() {
    Scripted health = new Scripted(null, "initial", "unhealthy");
    Elbv2LoadBalancer waiting = new Elbv2LoadBalancer(aws.clients, health, POLL);

    TargetRegistration registered = waiting.register(settings.withTimeouts(1, 1), target);

    assertEquals("unhealthy", registered.state());
    assertTrue(registered.detail().contains("Target.ResponseCodeMismatch"), registered.detail());
    assertTrue(LoadBalancerGate.healthy(registered).reason().contains("is unhealthy"));
  }

  @Test
  void waitsWhileTheTargetDrains() {
    lb.register(settings, target);
    Scripted health = new Scripted(new Elbv2TargetHealth(aws.clients), "healthy", "draining", "draining");
    Elbv2LoadBalancer draining = new Elbv2LoadBalancer(aws.clients, health, POLL);

    assertTrue(draining.deregister(settings, target).notRegistered());
    assertEquals(4, health.reads);
  }

  @Test
  void aTargetStillDrainingAtTheTimeoutIsReportedSo() {
    lb.register(settings, target);
    Scripted health = new Scripted(null, "healthy", "draining");
    Elbv2LoadBalancer draining = new Elbv2LoadBalancer(aws.clients, health, POLL);

    TargetRegistration gone = draining.deregister(settings.withTimeouts(1, 1), target);

    assertEquals("draining", gone.state());
    assertTrue(LoadBalancerGate.drained(gone).reason().contains("is still draining"));
  }

  @Test
  void thePreflightReadsTheGroupItsHealthCheckAndEachTarget() {
    lb.register(settings, target);
    LoadBalancerTarget other = new LoadBalancerTarget("api-2", aws.instance(), "10.0.1.51");

    TargetGroupReport report = lb.preflight(settings, List.of(target, other));

    assertEquals("spacetime-api", report.name());
    assertTrue(report.healthCheck().startsWith("HTTP /status on traffic-port every"), report.healthCheck());
    assertEquals(List.of("healthy", "unused"), report.targets().stream().map(TargetRegistration::state).toList());
    assertTrue(LoadBalancerGate.targetsHealthy(report).passed(), "api-2 is not registered yet: Step 9 will");
  }

  @Test
  void anUnknownTargetGroupIsRefusedWithAwsErrorCode() {
    LoadBalancerSettings unknown = aws.loadBalancer(settings.targetGroupArn().replace("spacetime-api", "nope"));

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> lb.preflight(unknown, List.of(target)));

    assertEquals("AwsRequestRefused", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().startsWith("TargetGroupNotFound: "), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("loadBalancer.targetGroupArn"), failure.getOriginalMessage());
  }

  @Test
  void aWrongRegionIsRefusedWithAwsErrorCode() {
    LoadBalancerSettings elsewhere = new LoadBalancerSettings("aws", "eu-west-1", settings.targetGroupArn(), null,
        aws.endpoint(), 2, 2);

    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> lb.register(elsewhere, target));

    assertEquals("AwsRequestRefused", failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("TargetGroupNotFound: "), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("region (eu-west-1)"), failure.getOriginalMessage());
  }

  /**
   * A missing permission for real: moto enforces IAM for a user whose policy allows the preflight's
   * reads but not RegisterTargets; the adapter answers AWS's AccessDenied, not to be retried.
   */
  @Test
  void aMissingPermissionIsRefusedWithAwsErrorCodeNamingTheCredentials() {
    AwsBasicCredentials readOnly = aws.iamUser("runbook-read-only", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
          "Action": ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"]}]}""");
    try (AwsClients asReadOnly = new AwsClients()) {
      aws.enforceIamAs(readOnly);
      Elbv2LoadBalancer restricted = new Elbv2LoadBalancer(asReadOnly, new Elbv2TargetHealth(asReadOnly), POLL);

      TargetGroupReport allowed = restricted.preflight(settings, List.of(target));
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> restricted.register(settings, target));

      assertTrue(allowed.targets().get(0).notRegistered(), allowed.toString());
      assertEquals("AwsRequestRefused", failure.getType());
      assertTrue(failure.isNonRetryable());
      String message = failure.getOriginalMessage();
      assertTrue(message.startsWith("AccessDenied: "), message);
      assertTrue(message.contains("elasticloadbalancing:RegisterTargets"), message);
      assertTrue(message.contains("the worker's AWS credentials (default provider chain) lack this permission"), message);
    } finally {
      aws.stopEnforcingIam();
    }
  }

  /** Answers the scripted states first (then the last one for ever, or AWS's reading when given a source). */
  static final class Scripted implements TargetHealthSource {
    private final TargetHealthSource then;
    private final Deque<String> states;
    private String last;
    int reads;

    Scripted(TargetHealthSource then, String... states) {
      this.then = then;
      this.states = new ArrayDeque<>(List.of(states));
    }

    @Override
    public synchronized TargetRegistration read(LoadBalancerSettings settings, LoadBalancerTarget target) {
      reads++;
      if (states.isEmpty() && then != null) {
        return then.read(settings, target);
      }
      last = states.isEmpty() ? last : states.poll();
      String detail = switch (last) {
        case "unhealthy" -> "Target.ResponseCodeMismatch: Health checks failed with these codes: [503]";
        case "unused" -> TargetRegistration.NOT_REGISTERED + ": Target is not registered to the target group";
        default -> "";
      };
      return new TargetRegistration(target.host(), target.targetId(), last, detail);
    }
  }
}
