package io.spacetime.runbook.adapters.loadbalancer;

import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.adapters.aws.AwsFailures;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** {@code aws elbv2 describe-target-health} for one target (its id and the group's target port). */
public final class Elbv2TargetHealth implements TargetHealthSource {

  private final AwsClients clients;

  public Elbv2TargetHealth(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public TargetRegistration read(LoadBalancerSettings settings, LoadBalancerTarget target) {
    try {
      TargetHealthDescription d = clients.elbv2(settings.region(), settings.endpointUrl())
          .describeTargetHealth(r -> r.targetGroupArn(settings.targetGroupArn())
              .targets(t -> t.id(target.targetId()).port(settings.targetPort())))
          .targetHealthDescriptions().stream().findFirst().orElse(null);
      if (d == null || d.targetHealth() == null) {
        return new TargetRegistration(target.host(), target.targetId(), "unused", TargetRegistration.NOT_REGISTERED);
      }
      TargetHealth h = d.targetHealth();
      String detail = h.reasonAsString() == null ? "" : h.reasonAsString()
          + (h.description() == null ? "" : ": " + h.description());
      return new TargetRegistration(target.host(), target.targetId(), h.stateAsString(), detail);
    } catch (SdkException e) {
      throw AwsFailures.of(e, "elbv2 DescribeTargetHealth of " + target.targetId() + " in " + settings.targetGroupArn(),
          Elbv2LoadBalancer.fields(settings));
    }
  }
}
