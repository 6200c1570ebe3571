package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.FINAL_VALIDATION;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.deployment.gates.LogGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.HttpOkGate;
import io.spacetime.runbook.service.StatusGate;
import io.spacetime.runbook.service.TeamNotifier;
import java.util.List;

/**
 * Step 10 Final Validation, once the last host is deployed: maintenance mode off, the public
 * status URL ready, no ERROR lines in any host's service log since its new release started, every
 * host still ready, and the team told. The completion notice is best effort: a deployment this far is not rolled back because a
 * chat webhook is down.
 */
final class FinalValidation {

  static final String ERROR_PATTERN = "ERROR";

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;
  private final List<DeployedHost> deployed;

  FinalValidation(Deployment deployment, List<DeployedHost> deployed) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
    this.deployed = deployed;
  }

  void run() {
    procedure.begin(FINAL_VALIDATION, "");
    String maintenanceOff = FINAL_VALIDATION.item("Maintenance mode disabled");
    if (env.maintenance().enabled()) {
      HttpExchange off = d.team().maintenance(false, d.title() + " complete");
      procedure.check(EvidenceOf.http(off, ""), maintenanceOff, HttpOkGate.check(off, ""));
    } else {
      procedure.notChecked(maintenanceOff, "no maintenance switch configured for this environment");
    }
    checkExternalAccess();
    String monitoring = FINAL_VALIDATION.item("Monitoring shows healthy metrics");
    if (d.watchWindow().isZero()) {
      procedure.notChecked(monitoring, "no monitoring query configured for this environment");
    } else {
      procedure.elsewhere(monitoring, "the watch window after this step samples the error rate and p95 for "
          + d.watchWindow().toSeconds() + " s (Post-Deployment Validation)");
    }
    String noErrors = FINAL_VALIDATION.item("No critical errors in logs");
    for (DeployedHost h : deployed) {
      LogScan scan = d.stubs().onHost(ServiceActivities.class)
          .scanLog(d.on(h.host()), h.logOffset(), ERROR_PATTERN);
      procedure.check(EvidenceOf.logScan(scan), noErrors,
          LogGate.check(scan, ERROR_PATTERN, env.thresholds().maxErrorLogLines()));
      StatusReport status = d.stubs().quick(ProbeActivities.class).status(env.statusUrl(h.host()));
      procedure.check(EvidenceOf.status(status, h.host().name()), StatusGate.ready(status, h.host().name()));
    }
    // Where this deployment is tracked: the host's release history, written with the release at
    // Step 3, and this run itself, searchable by its ReleaseVersion search attribute.
    procedure.elsewhere(FINAL_VALIDATION.item("Deployment tracked in systems"),
        "each host's release history records " + d.version() + " (Step 3); this run is listed under"
            + " ReleaseVersion=\"" + d.version() + "\"");
    TeamNotifier.Notified notified = d.team().sendBestEffort(Notice.INFO, d.title() + " complete",
        "Now serving " + d.version() + " on " + String.join(", ", deployed.stream().map(h -> h.host().name()).toList())
            + " (previously " + d.previousVersions() + ")");
    procedure.evidence(notified.evidence());
    procedure.observed(FINAL_VALIDATION.item("Team notified of completion"), notified.delivered()
        ? GateResult.pass("completion notice", "delivered")
        : GateResult.fail("completion notice", "not delivered (best effort: the deployment stands)"));
    procedure.pass("");
  }

  /** "Test from external network (use production domain)": the public status URL answers ready. */
  private void checkExternalAccess() {
    String item = FINAL_VALIDATION.item("External access works");
    String url = env.dns().externalStatusUrl();
    if (url.isEmpty() || !d.coverageChecks()) {
      procedure.notChecked(item, "no external status URL configured for this environment (dns.externalStatusUrl)");
      return;
    }
    StatusReport status = d.stubs().quick(ProbeActivities.class).status(url);
    procedure.check(EvidenceOf.status(status, "external"), item, StatusGate.ready(status, url));
  }
}
