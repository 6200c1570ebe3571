package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.FINAL_VALIDATION;

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
import java.util.List;

/**
 * Step 10 Final Validation, once the last host is deployed: maintenance mode off, no ERROR lines
 * in any host's service log since its new release started, every host still ready, and the team
 * told. The completion notice is best effort: a deployment this far is not rolled back because a
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
    if (env.maintenance().enabled()) {
      HttpExchange off = d.team().maintenance(false, d.title() + " complete");
      procedure.check(EvidenceOf.http(off, ""), HttpOkGate.check(off, ""));
    }
    for (DeployedHost h : deployed) {
      LogScan scan = d.stubs().onHost(ServiceActivities.class)
          .scanLog(d.on(h.host()), h.logOffset(), ERROR_PATTERN);
      procedure.check(EvidenceOf.logScan(scan), LogGate.check(scan, ERROR_PATTERN, env.thresholds().maxErrorLogLines()));
      StatusReport status = d.stubs().quick(ProbeActivities.class).status(env.statusUrl(h.host()));
      procedure.check(EvidenceOf.status(status, h.host().name()), StatusGate.ready(status, h.host().name()));
    }
    procedure.evidence(d.team().sendBestEffort(Notice.INFO, d.title() + " complete",
        "Now serving " + d.version() + " on " + String.join(", ", deployed.stream().map(h -> h.host().name()).toList())
            + " (previously " + d.previousVersions() + ")").evidence());
    procedure.pass("");
  }
}
