package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.NOTIFICATION;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.HttpOkGate;
import io.spacetime.runbook.service.TeamNotifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook "Deployment Procedure": Step 1 once, Steps 2-9 host by host (a rolling deployment: at
 * most one host is out of service at a time, and a host is finished before the next is touched)
 * or through a {@link Rollout}'s canary and batches, then Step 10 once over every host deployed.
 */
final class DeploymentProcedure {

  private final Deployment d;
  private final Procedure procedure;
  private final Rollout rollout;

  /** @param rollout the batches Steps 2-9 go through; null for the runbook's one host after another */
  DeploymentProcedure(Deployment deployment, Rollout rollout) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.rollout = rollout;
  }

  /**
   * Steps 1-10. Returns the record's lowered TTL, for the caller to restore once nothing can roll
   * the release back any more (after the watch window, when there is one); a rollback restores it
   * as the undo of its lowering.
   */
  DeploymentTtl run() {
    DeploymentTtl ttl = new DeploymentTtl(d);
    notificationAndPreparation(ttl);
    List<DeployedHost> deployed = new ArrayList<>();
    if (rollout == null) {
      for (Host host : d.hosts()) {
        deployed.add(new HostDeployment(d, host).run());
      }
    } else {
      deployed.addAll(rollout.run());
      d.failedHosts().putAll(rollout.failedHosts());
    }
    new FinalValidation(d, deployed).run();
    return ttl;
  }

  /** Step 1: tell the team; maintenance mode on where the environment has it. */
  private void notificationAndPreparation(DeploymentTtl ttl) {
    procedure.begin(NOTIFICATION, "");
    String title = d.title() + " starting";
    Delivery delivery = d.team().send(Notice.INFO, title, TeamNotifier.lines(
        d.request().requestedBy().isEmpty() ? "" : "Requested by " + d.request().requestedBy(),
        d.request().reason().isEmpty() ? "" : "Reason: " + d.request().reason(),
        (rollout == null ? "" : "Rollout: " + rollout.plan().asGiven() + ". ")
            + "Hosts, in order: " + String.join(", ", d.hosts().stream().map(Host::name).toList())));
    procedure.evidence(EvidenceOf.delivery(title, delivery));
    procedure.check(NOTIFICATION.item("Deployment notification sent"), GateResult.pass("notification",
        "\"" + title + "\" delivered to " + String.join(", ", delivery.channels())));
    procedure.notChecked(NOTIFICATION.item("Status page updated"), "no status page configured for this environment");
    procedure.notChecked(NOTIFICATION.item("On-call engineer acknowledged"), "a deployment asks no acknowledgement"
        + " (the notice went to " + d.env().notifications().channel() + ")");
    ttl.lower();
    String maintenanceItem = NOTIFICATION.item("Maintenance mode enabled");
    if (d.env().maintenance().enabled()) {
      String undo = "maintenance mode off";
      d.rollbackPoint(NOTIFICATION, null, undo, () -> {
        HttpExchange off = d.team().summarised("Rollback: " + undo).maintenance(false, "rollback of " + d.title());
        return Undo.require(undo, HttpOkGate.check(off, ""));
      });
      HttpExchange on = d.team().maintenance(true, d.title());
      procedure.check(EvidenceOf.http(on, ""), maintenanceItem, HttpOkGate.check(on, ""));
    } else {
      procedure.notChecked(maintenanceItem, "not needed here: maintenance.enabled is false");
    }
    procedure.pass("");
  }
}
