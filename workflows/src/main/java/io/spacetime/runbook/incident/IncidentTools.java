package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.RunbookActivityOptions;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.incident.TimelineEvent.Kind;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.InvestigationActivities;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.MitigationActivities;
import io.spacetime.runbook.ports.incident.MitigationReport;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.rollback.RollbackWorkflow;
import io.spacetime.runbook.service.EvidenceOf;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the incident's playbooks do to the world, one call per runbook command: the investigation's
 * readings (each into {@link Findings} and the current step's evidence; a host that cannot be read
 * is evidence too, never a crash of the response) and the resolution procedures' actions (each
 * recorded on the timeline with its evidence). Risky actions go through {@link #approved}.
 */
final class IncidentTools {

  final Procedure procedure;
  final ActivityStubs stubs;
  final Environment env;
  final Incident incident;
  final Responders responders;
  final List<Host> hosts;

  IncidentTools(Procedure procedure, ActivityStubs stubs, Environment env, Incident incident, Responders responders,
      List<Host> hosts) {
    this.procedure = procedure;
    this.stubs = stubs;
    this.env = env;
    this.incident = incident;
    this.responders = responders;
    this.hosts = hosts;
  }

  IncidentSettings settings() {
    return env.incident();
  }

  /** Empty findings that know the environment's thresholds. */
  Findings findings() {
    Findings f = new Findings();
    f.settings = settings();
    f.maxServiceMemoryGb = env.thresholds().maxServiceMemoryGb();
    return f;
  }

  HostContext on(Host host) {
    return env.on(host);
  }

  // --- readings

  /** Investigation: {@code GET /status} from the worker ("Internal"). */
  StatusReport status(Host host, Findings f) {
    return read(host, "GET " + env.statusUrl(host), () -> {
      StatusReport r = stubs.quick(ProbeActivities.class).status(env.statusUrl(host));
      f.status.put(host.name(), r);
      procedure.evidence(EvidenceOf.status(r, host.name()));
      return r;
    });
  }

  ServiceState service(Host host, Findings f) {
    return read(host, "service state", () -> {
      ServiceState s = stubs.onHost(ServiceActivities.class).serviceState(on(host));
      f.service.put(host.name(), s);
      f.logOffsets.put(host.name(), s.logOffset());
      procedure.evidence(EvidenceOf.service(s));
      return s;
    });
  }

  LogErrorCounts logs(Host host, Findings f, List<LogPattern> patterns) {
    return read(host, "log patterns", () -> {
      LogErrorCounts c = stubs.onHost(InvestigationActivities.class).countLogErrors(on(host), patterns, 1000);
      f.logs.put(host.name(), c);
      procedure.evidence(IncidentEvidence.logs(c));
      return c;
    });
  }

  /** Lines containing {@code text} written to the service log since the fix began (Verification "No new errors"). */
  LogScan logSinceFix(Host host, Findings f, String text) {
    return read(host, "log since the fix", () -> {
      LogScan s = stubs.onHost(ServiceActivities.class).scanLog(on(host), f.logOffsets.getOrDefault(host.name(), 0L), text);
      f.logScans.put(host.name() + " " + text, s);
      procedure.evidence(EvidenceOf.logScan(s));
      return s;
    });
  }

  /** The error-rate and response-time reading: GET /status and POST /scene/load with the first scene. */
  List<EndpointSample> endpoints(Host host, Findings f) {
    List<EndpointCheck> checks = List.of(EndpointCheck.get("/status", env.statusUrl(host)),
        EndpointCheck.post("/scene/load", env.apiBaseUrl(host) + "/scene/load",
            "{\"scene_path\": \"res://" + settings().scenes().get(0) + "\"}"));
    int rounds = settings().samplesPerEndpoint();
    return read(host, "endpoint sample", () -> {
      List<EndpointSample> samples = stubs.command(ProbeActivities.class, rounds * checks.size() * 10)
          .sampleEndpoints(checks, rounds, settings().authTokenEnv());
      f.endpoints.put(host.name(), samples);
      procedure.evidence(IncidentEvidence.endpoints(host.name(), samples));
      return samples;
    });
  }

  ServiceUsage usage(Host host, Findings f) {
    return read(host, "CPU and memory", () -> {
      ServiceUsage u = stubs.onHost(ServiceActivities.class).measureUsage(on(host), 1000);
      f.usage.put(host.name(), u);
      procedure.evidence(EvidenceOf.usage(u));
      return u;
    });
  }

  DiskUsageReport disk(Host host, Findings f) {
    return read(host, "space usage", () -> {
      DiskUsageReport d = stubs.transfer(InvestigationActivities.class).inspectDiskUsage(on(host), settings().disk());
      f.disk.put(host.name(), d);
      procedure.evidence(IncidentEvidence.disk(d));
      return d;
    });
  }

  MemoryTrend memory(Host host, Findings f) {
    int samples = settings().memorySamples();
    int interval = settings().memoryIntervalSeconds();
    return read(host, "memory over time", () -> {
      MemoryTrend m = stubs.command(InvestigationActivities.class, samples * interval + 30)
          .sampleMemory(on(host), samples, interval);
      f.memory.put(host.name(), m);
      procedure.evidence(IncidentEvidence.memory(m));
      return m;
    });
  }

  SceneFilesReport scenes(Host host, Findings f) {
    return read(host, "scene files", () -> {
      SceneFilesReport s = stubs.transfer(InvestigationActivities.class).inspectSceneFiles(on(host), settings().scenes());
      f.scenes.put(host.name(), s);
      procedure.evidence(IncidentEvidence.scenes(s));
      return s;
    });
  }

  PortHolder portHolder(Host host, Findings f) {
    return read(host, "port " + env.ports().api(), () -> {
      PortHolder p = stubs.onHost(InvestigationActivities.class).findPortHolder(on(host), env.ports().api());
      f.portHolders.put(host.name(), p);
      procedure.evidence(IncidentEvidence.portHolder(p));
      return p;
    });
  }

  ReleaseState release(Host host, Findings f) {
    return read(host, "release history", () -> {
      ReleaseState r = stubs.onHost(HostChecks.class).inspectRelease(on(host));
      f.releases.put(host.name(), r);
      procedure.evidence(EvidenceOf.release(r));
      return r;
    });
  }

  /** Hosts a reading of the current step could not read, with why (cleared by {@link #unreadSince}). */
  private final java.util.List<String> unread = new java.util.ArrayList<>();

  /** One reading; a failure is recorded as the host's evidence (and in {@link #unreadSince}) and returns null. */
  private <T> T read(Host host, String what, java.util.function.Supplier<T> reading) {
    try {
      return reading.get();
    } catch (ActivityFailure e) {
      procedure.evidence(Evidence.note(host.name(), what, "not read", Map.of("why", Failures.describe(e))));
      unread.add(host.name() + " (" + what + ": " + Failures.describe(e) + ")");
      return null;
    }
  }

  /** The readings that failed since the last call, and forgets them: what a step must not call "read". */
  List<String> unreadSince() {
    List<String> failed = List.copyOf(unread);
    unread.clear();
    return failed;
  }

  // --- actions (Resolution Procedures)

  /** "sudo systemctl restart godot-spacetime", then wait for readiness: true when the host answers ready. */
  boolean restart(Host host, String why) {
    try {
      int wait = RunbookActivityOptions.STOP_WAIT_SECONDS;
      ServiceState stopped = stubs.command(ServiceActivities.class, wait).stopService(on(host), wait);
      procedure.evidence(EvidenceOf.service(stopped));
      ServiceState started = stubs.onHost(ServiceActivities.class).startService(on(host));
      procedure.evidence(EvidenceOf.service(started));
      int startup = env.thresholds().startupTimeoutSeconds();
      StatusReport ready = stubs.polling(ProbeActivities.class, startup).awaitReady(env.statusUrl(host), startup);
      procedure.evidence(EvidenceOf.status(ready, host.name()));
      boolean ok = ready.httpStatus() == 200 && ready.overallReady();
      incident.actionTaken(host.name(), "restarted the service (" + why + "): " + (ok ? "ready" : "NOT ready: HTTP "
          + ready.httpStatus() + " " + ready.error()), Map.of("active", String.valueOf(started.active()),
          "pid", String.valueOf(started.apiPid())));
      return ok;
    } catch (ActivityFailure e) {
      incident.actionTaken(host.name(), "restart FAILED (" + why + "): " + Failures.describe(e), Map.of());
      return false;
    }
  }

  /** Incident 2 Scenario C "Restart connection": POST /disconnect then POST /connect. */
  boolean reconnect(Host host) {
    try {
      HttpExchange down = stubs.quick(ProbeActivities.class).post(env.apiBaseUrl(host) + "/disconnect", "");
      procedure.evidence(EvidenceOf.http(down, host.name()));
      HttpExchange up = stubs.quick(ProbeActivities.class).post(env.apiBaseUrl(host) + "/connect", "");
      procedure.evidence(EvidenceOf.http(up, host.name()));
      StatusReport ready = stubs.polling(ProbeActivities.class, 30).awaitReady(env.statusUrl(host), 30);
      procedure.evidence(EvidenceOf.status(ready, host.name()));
      boolean ok = ready.overallReady();
      incident.actionTaken(host.name(), "reconnected the debug adapter and language server (/disconnect, /connect): "
          + (ok ? "connected" : "still not connected"), Map.of("connect", "HTTP " + up.status()));
      return ok;
    } catch (ActivityFailure e) {
      incident.actionTaken(host.name(), "reconnect FAILED: " + Failures.describe(e), Map.of());
      return false;
    }
  }

  /** One of {@link MitigationActivities}' actions on {@code host}; null when it failed (recorded). */
  MitigationReport mitigate(Host host, String what, Function<MitigationActivities, MitigationReport> action) {
    // Transfer limits: compressing logs and unpacking backups walk whole trees, like a backup does.
    try {
      MitigationReport r = action.apply(stubs.transfer(MitigationActivities.class));
      procedure.evidence(IncidentEvidence.mitigation(r));
      incident.actionTaken(host.name(), r.summary().isEmpty() ? what : r.summary(), IncidentEvidence.brief(r));
      return r;
    } catch (ActivityFailure e) {
      incident.actionTaken(host.name(), what + " FAILED: " + Failures.describe(e), Map.of());
      return null;
    }
  }

  /**
   * A risky action waits for a person's {@code approve} or {@code reject}; a wait longer than
   * {@code incident.approvalTimeoutMinutes} (or {@code approvalTimeoutSeconds}, when set) escalates to
   * the next level and counts as not approved (the action is not done; the next scenario is tried).
   * Resolving the incident ends the wait.
   */
  boolean approved(String id, String description, String host, Map<String, String> evidence) {
    Duration timeout = settings().approvalTimeout();
    long now = Workflow.currentTimeMillis();
    incident.awaitApproval(new PendingApproval(id, description, host, evidence, now, now + timeout.toMillis()));
    responders.queueNotice("warning", "Approval needed: " + description,
        "🛑 APPROVAL NEEDED: " + description + "\nIncident: " + incident.key + "\nWhy: " + evidence
            + "\nApprove: ./runbook incident approve " + incident.key + " --action " + id + " --by NAME --reason TEXT"
            + "\nWaits " + IncidentMessages.duration(timeout.toMillis()) + ", then escalates.");
    procedure.waitingFor("approval of " + id + " (" + description + ")");
    boolean answered = Workflow.await(timeout, () -> incident.decision(id).isPresent() || incident.resolved());
    procedure.waitingFor("");
    if (!answered) {
      incident.withdraw(id);
      incident.record(Kind.APPROVAL_TIMED_OUT, "engine", "No answer within " + IncidentMessages.duration(timeout.toMillis())
          + " to: " + description + " (not done)", Map.of());
      responders.escalate(incident.level().next(), "engine", "approval of " + id + " not given within "
          + IncidentMessages.duration(timeout.toMillis()));
      return false;
    }
    return incident.decision(id).orElse(false);
  }

  /**
   * "If bug introduced in recent deployment, consider rollback": the existing Emergency Rollback as a
   * child workflow, so it takes the environment lock (never two rollbacks at once) and restores the
   * last release known good. True when it SUCCEEDED.
   */
  boolean rollBackLastDeployment(String reason) {
    String id = "rollback-" + env.name() + "-for-" + incident.key.replaceFirst("^incident-", "") + "-"
        + incident.actionsTaken().size();
    RollbackWorkflow child = Workflow.newChildWorkflowStub(RollbackWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setStaticSummary("Emergency rollback of " + env.name() + " for incident " + incident.key)
        .build());
    try {
      RollbackResult result = child.rollback(new RollbackRequest(env.name(), "incident " + incident.key + ": " + reason, "",
          "incident response"));
      incident.actionTaken("", "Emergency Rollback " + id + ": " + result.outcome() + ": " + result.message(),
          Map.of("restored", result.restoredVersions().toString(), "from", result.fromVersions().toString()));
      procedure.evidence(Evidence.note("", "Emergency Rollback " + id, result.outcome().name(),
          Map.of("message", result.message())));
      return result.outcome() == io.spacetime.runbook.core.Outcome.SUCCEEDED;
    } catch (ChildWorkflowFailure e) {
      incident.actionTaken("", "Emergency Rollback " + id + " FAILED: " + Failures.describe(e), Map.of());
      return false;
    }
  }

  /** Hosts by name, in the environment's order. */
  List<Host> hostsNamed(List<String> names) {
    return hosts.stream().filter(h -> names.contains(h.name())).toList();
  }
}
