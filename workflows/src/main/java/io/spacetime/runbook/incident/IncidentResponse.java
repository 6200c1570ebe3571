package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.EnvironmentActivities;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.notify.Notice;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's Incident Response Process for one opening of the incident, phases 1 to 4:
 * detection and triage (environment, severity, the INCIDENT message), investigation (the type's
 * steps), mitigation (the first scenario the evidence calls for and that was not tried yet) and
 * verification (the type's gates). A failed verification goes back to investigation with the next
 * scenario and escalates; when no scenario is left, people are needed and the incident escalates.
 * A verified fix leaves the incident MONITORING until a person resolves it.
 */
final class IncidentResponse {

  static final Step LOAD = new Step("Phase 1", "Detection and Triage: load the environment");
  static final Step ASSESS = new Step("Step 2", "Assess Severity");
  static final Step ROOT_CAUSE = new Step("Step 5", "Identify Root Cause");
  private static final int MAX_ROUNDS = 10;

  private final Incident incident;
  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final Responders responders;
  private final EscalationClock clock;
  private final Playbook playbook;

  IncidentResponse(Incident incident, Procedure procedure, ActivityStubs stubs, Responders responders, EscalationClock clock) {
    this.incident = incident;
    this.procedure = procedure;
    this.stubs = stubs;
    this.responders = responders;
    this.clock = clock;
    this.playbook = Playbooks.of(incident.type);
  }

  /** Runs phases 1-4 once; returns when verified, when people are needed, or when resolved meanwhile. */
  void run(boolean firstOpening) {
    Optional<Environment> loaded = loadEnvironment();
    if (loaded.isEmpty()) {
      incident.severity(incident.request.givenSeverity().orElse(Severity.P1), "engine",
          "given by the reporter, or P1 because the environment could not be loaded to assess it");
      announce(firstOpening, List.of("The environment could not be loaded: nothing was investigated"), List.of());
      needPeople("the environment could not be loaded (see the run's first step)");
      return;
    }
    Environment env = loaded.get();
    responders.environment(env);
    IncidentTools tools = new IncidentTools(procedure, stubs, env, incident, responders, affectedHosts(env));
    List<String> known = new ArrayList<>(List.of(incident.request.summary()));
    triage(tools, known);
    announce(firstOpening, known, playbookSteps());
    respond(tools);
  }

  private Optional<Environment> loadEnvironment() {
    procedure.begin(LOAD, "");
    try {
      Environment env = stubs.quick(EnvironmentActivities.class).load(incident.request.environment());
      stubs.useSshTimeouts(env.ssh().commandTimeoutSeconds(), env.ssh().transferTimeoutSeconds());
      procedure.evidence(Evidence.note("", "load environments/" + env.name() + ".yaml", "loaded",
          Map.of("hosts", String.join(", ", env.hosts().stream().map(Host::name).toList()))));
      procedure.pass(env.hosts().size() + " hosts");
      return Optional.of(env);
    } catch (ActivityFailure e) {
      procedure.failCurrent(Failures.describe(e));
      incident.record(Kind.INVESTIGATION, "engine", "Environment " + incident.request.environment() + " not loaded: "
          + Failures.describe(e), Map.of());
      return Optional.empty();
    }
  }

  /** The request's hosts, or every host; a name the environment does not know is recorded and left out. */
  private List<Host> affectedHosts(Environment env) {
    if (incident.request.hosts().isEmpty()) {
      return env.hosts();
    }
    List<String> unknown = incident.request.hosts().stream()
        .filter(name -> env.hosts().stream().noneMatch(h -> h.name().equals(name))).toList();
    if (!unknown.isEmpty()) {
      incident.record(Kind.INVESTIGATION, "engine", "hosts not in environments/" + env.name() + ".yaml, left out: "
          + String.join(", ", unknown), Map.of());
    }
    List<Host> named = env.hosts().stream().filter(h -> incident.request.hosts().contains(h.name())).toList();
    return named.isEmpty() ? env.hosts() : named;
  }

  /** Step 2 "Assess Severity": given by the reporter, or from the type's triage readings. */
  private void triage(IncidentTools tools, List<String> known) {
    if (incident.severity().isPresent()) {
      return;
    }
    Optional<Severity> given = incident.request.givenSeverity();
    if (given.isPresent()) {
      incident.severity(given.get(), incident.request.source().isEmpty() ? "reporter" : incident.request.source(),
          "given when the incident was opened");
      return;
    }
    procedure.begin(ASSESS, "");
    Findings f = tools.findings();
    playbook.triage(tools, f);
    SeverityAssessment assessed = playbook.assess(f, tools.settings());
    incident.severity(assessed.severity(), "engine", "assessed: " + assessed.reason());
    known.add(assessed.reason());
    procedure.pass(assessed.severity().label() + ": " + assessed.reason());
  }

  /** Step 3 "Initial Communication": the INCIDENT message (or, on a re-opening, the same template again). */
  private void announce(boolean firstOpening, List<String> known, List<String> checking) {
    String title = (firstOpening ? "INCIDENT: " : "INCIDENT (re-opened): ") + IncidentMessages.title(incident);
    responders.queueNotice(Notice.CRITICAL, title,
        IncidentMessages.initial(incident, responders.onCallHandle(), known, checking, clock.nextUpdateAt()));
  }

  private List<String> playbookSteps() {
    return List.of(incident.type.runbookTitle() + " investigation steps on every affected host");
  }

  private void respond(IncidentTools tools) {
    for (int round = 1; round <= MAX_ROUNDS && !incident.resolved(); round++) {
      incident.status(IncidentStatus.INVESTIGATING);
      incident.phase("Phase 2: Investigation");
      Findings f = tools.findings();
      playbook.investigate(tools, f);
      playbook.reassess(f, tools.settings()).filter(a -> incident.severity().map(a.severity()::worseThan).orElse(true))
          .ifPresent(a -> {
            incident.severity(a.severity(), "engine", "raised by the investigation: " + a.reason());
            responders.escalate(incident.level().next(), "engine", "severity increased during investigation: " + a.reason());
          });
      Optional<Scenario> next = playbook.scenarios().stream()
          .filter(s -> !incident.scenariosTried().contains(s.label()) && s.applies().test(f)).findFirst();
      if (next.isEmpty()) {
        needPeople("no automatic resolution procedure of " + incident.type.runbookTitle() + " is left for what was found"
            + (incident.scenariosTried().isEmpty() ? "" : " (tried: " + String.join("; ", incident.scenariosTried()) + ")"));
        return;
      }
      Scenario scenario = next.get();
      identify(scenario, f);
      if (!fix(tools, scenario, f)) {
        continue;
      }
      if (verified(tools, scenario, f)) {
        return;
      }
    }
  }

  /** Step 5 "Identify Root Cause": the scenario the evidence points to. */
  private void identify(Scenario scenario, Findings f) {
    incident.status(IncidentStatus.IDENTIFIED);
    procedure.begin(ROOT_CAUSE, "");
    procedure.pass("the evidence points to " + scenario.label());
    incident.record(Kind.INVESTIGATION, "engine", "Identified: " + scenario.label(), Map.of(
        "error rate", String.format("%.1f %%", f.errorRatePercent()),
        "hosts not ready", String.join(", ", f.hostsNotReady())));
  }

  /** Step 6 "Implement Fix": true when the scenario changed something to verify. */
  private boolean fix(IncidentTools tools, Scenario scenario, Findings f) {
    incident.tried(scenario.label());
    incident.status(IncidentStatus.FIXING);
    incident.phase("Phase 3: Mitigation");
    procedure.begin(scenario.step(), "");
    boolean changed = scenario.fix().test(tools, f);
    procedure.pass(changed ? "applied" : "nothing was changed");
    if (!changed) {
      incident.record(Kind.ACTION, "engine", scenario.label() + ": nothing was changed; trying the next scenario", Map.of());
    }
    return changed && !incident.resolved();
  }

  /** Step 7 "Verify Resolution". */
  private boolean verified(IncidentTools tools, Scenario scenario, Findings before) {
    try {
      playbook.verify(tools, before);
      incident.status(IncidentStatus.MONITORING);
      incident.phase("Phase 4: Recovery");
      incident.record(Kind.VERIFIED, "engine", "Verified after " + scenario.label() + ": every verification step passed",
          Map.of());
      responders.queueNotice(Notice.INFO, "Fix verified: " + IncidentMessages.title(incident),
          "🔎 MONITORING: " + IncidentMessages.title(incident) + "\nFix: " + scenario.label()
              + "\nVerified: every verification step of " + incident.type.runbookTitle() + " passed."
              + "\nResolve when satisfied: ./runbook incident resolve " + incident.key);
      return true;
    } catch (GateFailure failed) {
      incident.record(Kind.VERIFICATION_FAILED, "engine", "Verification failed after " + scenario.label() + ": "
          + failed.getMessage(), Map.of());
      responders.escalate(incident.level().next(), "engine", "verification failed after " + scenario.label() + ": "
          + failed.gate().reason());
      return false;
    }
  }

  private void needPeople(String why) {
    incident.status(IncidentStatus.NEEDS_PEOPLE);
    incident.record(Kind.INVESTIGATION, "engine", "People needed: " + why, Map.of());
    responders.escalate(incident.level().next(), "engine", "people needed: " + why);
  }
}
