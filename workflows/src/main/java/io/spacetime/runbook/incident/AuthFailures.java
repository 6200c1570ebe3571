package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.incident.LogPattern;
import java.util.List;
import java.util.Map;

/** Incident 4: Authentication Failures (P1 if all auth failing, P2 if intermittent). */
final class AuthFailures extends Playbook {

  static final List<LogPattern> AUTH_PATTERNS = List.of(
      new LogPattern("authentication failed", "authentication failed"),
      new LogPattern("token validation failures", "token.*(invalid|expired)|invalid token"),
      new LogPattern("certificate errors", "certificate"),
      new LogPattern("timeouts", "timeout|timed out"));

  static final Step TOKEN = new Step("Step 1", "Verify Token Validity");
  static final Step AUTH_SERVICE = new Step("Step 2", "Check Authentication Service");
  static final Step LOGS = new Step("Step 3", "Review API Logs");
  static final Step VERIFY = new Step("Verification", "Incident 4 Verification Steps", List.of(
      "1. Authentication succeeds", "2. No auth errors in logs", "3. All clients can authenticate", "4. Monitor for 15 minutes"));

  @Override
  IncidentType type() {
    return IncidentType.AUTH_FAILURES;
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    double refused = f.unauthorizedPercent();
    String measured = String.format("%.0f %% of %d requests refused (401/403)", refused, f.requests());
    if (f.requests() > 0 && refused >= 99.9) {
      return new SeverityAssessment(Severity.P1, measured + ": all authentication failing (runbook P1)");
    }
    return new SeverityAssessment(refused > 0 ? Severity.P2 : Severity.P3, measured
        + (refused > 0 ? ": intermittent (runbook P2)" : ": none measured from the worker (runbook P3)"));
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, TOKEN, h -> t.endpoints(h, f));
    t.procedure.begin(AUTH_SERVICE, "");
    t.procedure.evidence(Evidence.note("", "auth service health", "not checked",
        Map.of("why", "the environment names no external authentication service")));
    t.procedure.skipCurrent("not checked: the environment names no external authentication service");
    onEachHost(t, LOGS, h -> t.logs(h, f, AUTH_PATTERNS));
  }

  @Override
  List<Scenario> scenarios() {
    // Scenario A (rotate tokens) and B (restart the auth service) need people and tools outside the hosts.
    return List.of(new Scenario("Scenario C", "Certificate Issues: restart services", f -> f.unauthorizedPercent() > 0,
        (t, f) -> restartAll(t, t.hosts, "Incident 4 Scenario C: restart services")));
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    t.hosts.forEach(h -> t.service(h, now));
    p.check(VERIFY.item("1."), authSucceeds(t, t.findings()));
    p.check(VERIFY.item("2."), noNewLogLines(t, now, "authentication failed", 0));
    p.notChecked(VERIFY.item("3."), t.settings().authTokenEnv().isEmpty()
        ? "requests were sent without a token (incident.authTokenEnv not set); other clients are not tested"
        : "one known good token ($" + t.settings().authTokenEnv() + ") is tested, not every client's");
    p.check(VERIFY.item("4."), watch(t, "authentication", f -> authSucceeds(t, f)));
    p.pass("");
  }

  private static GateResult authSucceeds(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.endpoints(h, f));
    double refused = f.unauthorizedPercent();
    return refused == 0 && f.requests() > 0
        ? GateResult.pass("authentication", f.requests() + " requests, none refused")
        : GateResult.fail("authentication", String.format("%.0f %% of %d requests refused", refused, f.requests()));
  }

  @Override
  List<Step> steps() {
    return List.of(TOKEN, AUTH_SERVICE, LOGS, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario A: Expired Tokens",
            "tokens are rotated in the token management system, outside the engine"),
        StepCatalogue.notChecked("Scenario B: Auth Service Down",
            "no external auth service is configured for the engine to check or restart"));
  }
}
