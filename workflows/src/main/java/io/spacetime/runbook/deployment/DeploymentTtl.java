package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.deployment.gates.Route53Gate;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.DnsRecordActivities;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.temporal.failure.ActivityFailure;

/**
 * Runbook 1.4 "TTL should be 300 (5 minutes) or lower before deployment for quick rollback", done
 * by the run where the environment asks for it ({@code aws.route53.deploymentTtlSeconds}): the
 * Route 53 record's TTL is lowered before the first change and put back after the run. Lowering it
 * is a Rollback Point, so a rolled-back or cancelled run puts it back too.
 */
final class DeploymentTtl {

  static final Step RESTORE = new Step("", "Restore DNS TTL");
  /** Step 1's own item for it (the runbook's list has none). */
  static final String LOWERED = "DNS TTL lowered for the deployment";
  static final String RESTORED = "DNS TTL restored";

  private final Deployment d;
  private final Procedure procedure;
  private final AwsSettings aws;
  private long originalTtl = -1;

  DeploymentTtl(Deployment deployment) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.aws = deployment.env().aws();
  }

  private boolean applies() {
    return d.awsSteps() && aws.route53().lowersTtl();
  }

  /** Within Step 1, before its first change: the undo is registered before the TTL changes. */
  void lower() {
    if (!applies()) {
      return;
    }
    int low = aws.route53().deploymentTtlSeconds();
    DnsRecordSet now = records().readRecord(aws);
    procedure.evidence(AwsEvidence.record("aws route53 list-resource-record-sets", now));
    if (now.alias() || now.ttlSeconds() <= low) {
      procedure.notChecked(LOWERED, now.alias() ? now.name() + " is an alias: it has no TTL of its own"
          : now.name() + " TTL is already " + now.ttlSeconds() + " s <= " + low + " s");
      return;
    }
    originalTtl = now.ttlSeconds();
    String undo = "restore the TTL of " + now.name() + " to " + originalTtl + " s";
    d.rollbackPoint(DeploymentSteps.NOTIFICATION, null, undo, () -> {
      DnsRecordSet back = d.undoStubs(undo).quick(DnsRecordActivities.class).setTtl(aws, (int) originalTtl);
      procedure.evidence(AwsEvidence.record("aws route53 change-resource-record-sets UPSERT", back));
      return Undo.require(undo, Route53Gate.ttlSet(back, (int) originalTtl));
    });
    DnsRecordSet lowered = records().setTtl(aws, low);
    procedure.check(AwsEvidence.record("aws route53 change-resource-record-sets UPSERT", lowered), LOWERED,
        Route53Gate.ttlSet(lowered, low));
  }

  /**
   * After the run's last step: the record's TTL as it was before the run. Best effort: a deployment
   * that passed every gate is not rolled back because Route 53 refused a TTL; the step says what to
   * set by hand instead.
   */
  void restore() {
    if (!applies() || originalTtl < 0) {
      return;
    }
    procedure.begin(RESTORE, "");
    String name = aws.route53().recordName();
    try {
      DnsRecordSet back = records().setTtl(aws, (int) originalTtl);
      procedure.evidence(AwsEvidence.record("aws route53 change-resource-record-sets UPSERT", back));
      procedure.observed(RESTORED, Route53Gate.ttlSet(back, (int) originalTtl));
    } catch (ActivityFailure e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      procedure.observed(RESTORED, GateResult.fail(Route53Gate.GATE, "the TTL of " + name + " was not restored ("
          + why + "): set it back to " + originalTtl + " s by hand"));
    }
    procedure.pass("");
  }

  private DnsRecordActivities records() {
    return d.stubs().quick(DnsRecordActivities.class);
  }
}
