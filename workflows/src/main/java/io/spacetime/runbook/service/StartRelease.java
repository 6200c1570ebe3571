package io.spacetime.runbook.service;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.RunbookActivityOptions;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the release the production link points at on one host and proves that it is what
 * answers: healthy, reporting the release's version, and (where the host lets the deploy user see
 * it) running from the release's directory. A service found already running proves nothing about
 * which release it runs, so it is restarted unless it is shown to be the expected release already.
 * Used by a deployment's rollback of Step 2 and by the Emergency Rollback Procedure (Steps 4-6).
 * Workflow code.
 */
public final class StartRelease {

  /** The {@code Workflow.getVersion} change id of reading which directory serves after a start. */
  static final String SERVING_DIR_CHECK = "verify-serving-dir";

  private final ActivityStubs stubs;
  private final Environment env;
  private final Host host;
  private final String releaseDir;
  private final String version;
  private final Consumer<Evidence> evidence;

  /**
   * @param releaseDir the directory the link points at, which must be what serves
   * @param version the version that release holds, empty when unknown (then only the directory proves it)
   * @param evidence where what was seen goes (the step's or the undo's evidence)
   */
  public StartRelease(ActivityStubs stubs, Environment env, Host host, String releaseDir, String version,
      Consumer<Evidence> evidence) {
    this.stubs = stubs;
    this.env = env;
    this.host = host;
    this.releaseDir = releaseDir;
    this.version = version;
    this.evidence = evidence;
  }

  /**
   * Starts the service. When it was already running and is not proven to be this release (its
   * version and directory), it is stopped and started again.
   */
  public ServiceState start() {
    ServiceState started = startService();
    if (!started.startSkipped() || provenAlreadyServing(started)) {
      return started;
    }
    ServiceState stopped = stop();
    GateResult down = ServiceGate.stopped(stopped);
    if (!down.passed()) {
      return stopped; // still active: the caller's "started" gate reports what runs
    }
    return startService();
  }

  /** Waits for readiness up to the environment's startup timeout. */
  public StatusReport awaitReady() {
    int startup = env.thresholds().startupTimeoutSeconds();
    StatusReport ready = stubs.polling(ProbeActivities.class, startup).awaitReady(env.statusUrl(host), startup);
    evidence.accept(EvidenceOf.status(ready, host.name()));
    return ready;
  }

  /**
   * The runbook's "Verify health" and "Previous version confirmed", and which directory serves:
   * read once the service answers, because a process only listens (and so can be named) once it
   * is up.
   */
  public List<GateResult> verify(StatusReport status) {
    List<GateResult> gates = new ArrayList<>();
    gates.add(healthy(status));
    gates.addAll(confirmRelease(status));
    return gates;
  }

  /** The runbook's "Health check passes": {@code /status} says ready. */
  public GateResult healthy(StatusReport status) {
    return StatusGate.ready(status, host.name());
  }

  /**
   * "Previous version confirmed": the version {@code /status} reports, and the directory the
   * process on the API port runs from, are this release's.
   */
  public List<GateResult> confirmRelease(StatusReport status) {
    List<GateResult> gates = new ArrayList<>();
    gates.add(StatusGate.servesVersion(status, version, host.name()));
    if (Workflow.getVersion(SERVING_DIR_CHECK, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      gates.add(GateResult.pass(ServiceGate.GATE, "serving directory not checked: this run started before that check"));
      return gates;
    }
    ServiceState serving = stubs.onHost(ServiceActivities.class)
        .serviceState(env.on(host));
    evidence.accept(EvidenceOf.service(serving));
    gates.add(ServiceGate.servesFrom(serving, releaseDir));
    return gates;
  }

  private boolean provenAlreadyServing(ServiceState running) {
    if (!ServiceGate.confirmsDir(running, releaseDir)) {
      return false;
    }
    StatusReport status = stubs.quick(ProbeActivities.class).status(env.statusUrl(host));
    evidence.accept(EvidenceOf.status(status, host.name()));
    return version.isEmpty() || StatusGate.confirmsVersion(status, version)
        || StatusGate.reportedVersion(status).isEmpty();
  }

  private ServiceState startService() {
    ServiceState started = stubs.onHost(ServiceActivities.class)
        .startService(env.on(host));
    evidence.accept(EvidenceOf.service(started));
    return started;
  }

  private ServiceState stop() {
    int wait = RunbookActivityOptions.STOP_WAIT_SECONDS;
    ServiceState stopped = stubs.command(ServiceActivities.class, wait)
        .stopService(env.on(host), wait);
    evidence.accept(EvidenceOf.service(stopped));
    return stopped;
  }
}
