package io.spacetime.runbook.starter.client;

import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.rollback.RollbackRequest;

/** The static details the Web UI shows on a run's page: what was asked, by whom, and why. */
final class RunbookDetails {

  private RunbookDetails() {}

  static String deployment(DeploymentRequest r) {
    return "**Runbook:** RUNBOOK_DEPLOYMENT.md — Deployment Procedure\n\n"
        + "- Environment: `" + r.environment() + "`\n"
        + "- Version: `" + r.version() + "`\n"
        + (r.dryRun() ? "- Dry run: read-only checks and the plan of changes\n" : "")
        + (r.emergency() ? "- Emergency deployment: waits for approval outside the window\n" : "")
        + (r.reason().isEmpty() ? "" : "- Reason: " + r.reason() + "\n")
        + (r.requestedBy().isEmpty() ? "" : "- Requested by: " + r.requestedBy() + "\n");
  }

  static String document(io.spacetime.runbook.document.RunbookRequest r) {
    StringBuilder details = new StringBuilder("**Runbook document:** `runbooks/" + r.runbook() + ".yaml`\n\n"
        + "- Environment: `" + r.environment() + "`\n");
    r.parameters().forEach((name, value) -> details.append("- ").append(name).append(": `").append(value).append("`\n"));
    return details.toString();
  }

  static String rollback(RollbackRequest r) {
    return "**Runbook:** RUNBOOK_DEPLOYMENT.md — Emergency Rollback Procedure\n\n"
        + "- Environment: `" + r.environment() + "`\n"
        + "- To version: " + (r.toVersion().isEmpty() ? "the previous release (production.backup)" : "`" + r.toVersion() + "`") + "\n"
        + "- Reason: " + r.reason() + "\n"
        + (r.requestedBy().isEmpty() ? "" : "- Requested by: " + r.requestedBy() + "\n");
  }

  static String incident(IncidentRequest r) {
    return "**Runbook:** RUNBOOK_INCIDENTS.md — " + r.incidentType().runbookTitle() + "\n\n"
        + "- Environment: `" + r.environment() + "`\n"
        + "- Summary: " + r.summary() + "\n"
        + (r.severity().isEmpty() ? "- Severity: assessed from measured evidence\n" : "- Severity: " + r.severity() + "\n")
        + (r.source().isEmpty() ? "" : "- Source: " + r.source() + "\n")
        + (r.fingerprint().isEmpty() ? "" : "- Fingerprint: `" + r.fingerprint() + "`\n");
  }
}
