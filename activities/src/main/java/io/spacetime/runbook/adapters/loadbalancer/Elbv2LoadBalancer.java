package io.spacetime.runbook.adapters.loadbalancer;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.adapters.aws.AwsFailures;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Step 9 and the rolling steps on an ELBv2 target group ({@code loadBalancer.type: aws}). Every
 * method is idempotent: registering a registered target is a no-op for AWS, deregistering a target
 * that is not in the group changes nothing. The waits poll the {@link TargetHealthSource} and
 * heartbeat each reading, and end at the environment's timeout with the last state seen: whether
 * that state is good enough is the workflow's gate to decide, not this adapter's.
 */
public final class Elbv2LoadBalancer implements LoadBalancerActivities {

  private static final Logger log = LoggerFactory.getLogger(Elbv2LoadBalancer.class);

  private final AwsClients clients;
  private final TargetHealthSource health;
  private final Duration pollInterval;

  public Elbv2LoadBalancer(AwsClients clients) {
    this(clients, new Elbv2TargetHealth(clients), Duration.ofSeconds(5));
  }

  /** @param pollInterval time between two health readings (an ALB checks every 30 s by default) */
  public Elbv2LoadBalancer(AwsClients clients, TargetHealthSource health, Duration pollInterval) {
    this.clients = clients;
    this.health = health;
    this.pollInterval = pollInterval;
  }

  @Override
  public TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget target) {
    // A target already in the group is only waited for: AWS refuses to register again one that is
    // in the group but stopped (InvalidTarget), which a retried activity must not turn into a failure.
    if (health.read(settings, target).notRegistered()) {
      call(settings, "RegisterTargets of " + target.targetId(), elbv2 -> elbv2.registerTargets(r -> r
          .targetGroupArn(settings.targetGroupArn()).targets(t -> t.id(target.targetId()).port(settings.targetPort()))));
      log.info("registered {} ({}) in {}", target.targetId(), target.host(), settings.targetGroupArn());
    }
    return await(settings, target, TargetRegistration::healthy, settings.healthTimeoutSeconds(), "healthy");
  }

  @Override
  public TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget target) {
    TargetRegistration now = health.read(settings, target);
    if (now.notRegistered()) {
      return now;
    }
    call(settings, "DeregisterTargets of " + target.targetId(), elbv2 -> elbv2.deregisterTargets(r -> r
        .targetGroupArn(settings.targetGroupArn()).targets(t -> t.id(target.targetId()).port(settings.targetPort()))));
    log.info("deregistered {} ({}) from {}", target.targetId(), target.host(), settings.targetGroupArn());
    return await(settings, target, TargetRegistration::notRegistered, settings.drainTimeoutSeconds(), "drained");
  }

  @Override
  public TargetGroupReport preflight(LoadBalancerSettings settings, List<LoadBalancerTarget> targets) {
    long started = System.nanoTime();
    TargetGroup group = call(settings, "DescribeTargetGroups", elbv2 -> elbv2.describeTargetGroups(r -> r
        .targetGroupArns(settings.targetGroupArn())).targetGroups().get(0));
    List<TargetRegistration> states = targets.stream().map(t -> health.read(settings, t)).toList();
    return new TargetGroupReport(group.targetGroupArn(), group.targetGroupName(), group.protocolAsString(),
        group.port() == null ? 0 : group.port(), healthCheck(group), states, (System.nanoTime() - started) / 1_000_000);
  }

  /** {@code HTTP /status on traffic-port every 30 s}; empty when the group checks no health. */
  private static String healthCheck(TargetGroup g) {
    if (Boolean.FALSE.equals(g.healthCheckEnabled())) {
      return "";
    }
    return g.healthCheckProtocolAsString() + (g.healthCheckPath() == null ? "" : " " + g.healthCheckPath()) + " on "
        + g.healthCheckPort() + " every " + g.healthCheckIntervalSeconds() + " s";
  }

  /** Reads until {@code done} or {@code timeoutSeconds} pass; the last reading says which. */
  private TargetRegistration await(LoadBalancerSettings settings, LoadBalancerTarget target,
      Predicate<TargetRegistration> done, int timeoutSeconds, String goal) {
    long started = System.nanoTime();
    long deadline = started + Duration.ofSeconds(timeoutSeconds).toNanos();
    while (true) {
      TargetRegistration now = health.read(settings, target);
      ActivityContext.heartbeat(target.targetId() + " " + now.state());
      long waitedSeconds = (System.nanoTime() - started) / 1_000_000_000;
      if (done.test(now)) {
        return now;
      }
      if (System.nanoTime() + pollInterval.toNanos() > deadline) {
        String detail = "not " + goal + " after " + waitedSeconds + " s (" + (goal.equals("healthy")
            ? "loadBalancer.healthTimeoutSeconds" : "loadBalancer.drainTimeoutSeconds") + ": " + timeoutSeconds + ")";
        return new TargetRegistration(now.host(), now.targetId(), now.state(),
            now.detail().isEmpty() ? detail : now.detail() + "; " + detail);
      }
      sleep();
    }
  }

  private <T> T call(LoadBalancerSettings settings, String action,
      java.util.function.Function<ElasticLoadBalancingV2Client, T> call) {
    try {
      return call.apply(clients.elbv2(settings.region(), settings.endpointUrl()));
    } catch (SdkException e) {
      throw AwsFailures.of(e, "elbv2 " + action + " in " + settings.targetGroupArn(), fields(settings));
    }
  }

  static String fields(LoadBalancerSettings settings) {
    return "loadBalancer.targetGroupArn and the region (" + settings.region() + ")"
        + (settings.endpointUrl().isEmpty() ? "" : " at " + settings.endpointUrl());
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the load balancer", e);
    }
  }
}
