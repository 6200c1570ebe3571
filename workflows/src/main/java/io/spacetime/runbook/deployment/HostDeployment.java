package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.CONFIGURATION_UPDATE;
import static io.spacetime.runbook.deployment.DeploymentSteps.DEPLOY_NEW_VERSION;
import static io.spacetime.runbook.deployment.DeploymentSteps.FUNCTIONAL_TESTING;
import static io.spacetime.runbook.deployment.DeploymentSteps.HEALTH_CHECKS;
import static io.spacetime.runbook.deployment.DeploymentSteps.LOAD_BALANCER;
import static io.spacetime.runbook.deployment.DeploymentSteps.PERFORMANCE_VERIFICATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.START_SERVICE;
import static io.spacetime.runbook.deployment.DeploymentSteps.STOP_SERVICE;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.RunbookActivityOptions;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.deployment.gates.LoadBalancerGate;
import io.spacetime.runbook.deployment.gates.ResponseTimeGate;
import io.spacetime.runbook.deployment.gates.TelemetryGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import io.spacetime.runbook.service.ConfigGate;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.HttpOkGate;
import io.spacetime.runbook.service.ReleaseDirs;
import io.spacetime.runbook.service.ReleaseGate;
import io.spacetime.runbook.service.ReleaseHistory;
import io.spacetime.runbook.service.ServiceGate;
import io.spacetime.runbook.service.StartRelease;
import io.spacetime.runbook.service.StatusGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deployment Procedure Steps 2 to 9 on one host. Every step that changes the host registers its
 * runbook Rollback Point before it issues the change: each undo is idempotent, so undoing a change
 * that failed half-way (or never happened) is safe, while a change without its undo is not.
 */
final class HostDeployment {

  /** The runbook waits 5 s after POST /connect; a bounded poll for readiness does the same. */
  static final int CONNECT_SETTLE_SECONDS = 5;

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;
  private final Host host;
  private final HostContext context;
  private String releaseDir;
  private String previousDir = "";
  private String previousBackupDir = "";
  private String previousVersion = "";

  HostDeployment(Deployment deployment, Host host) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
    this.host = host;
    this.context = deployment.on(host);
    this.releaseDir = deployment.releaseDir();
  }

  /** @return the host as deployed: what Step 10 checks on it */
  DeployedHost run() {
    stopCurrentService();
    deployNewVersion();
    configurationUpdate();
    long logOffset = startNewService();
    serviceHealthChecks();
    functionalTesting();
    performanceVerification();
    loadBalancerIntegration();
    return new DeployedHost(host, logOffset);
  }

  /**
   * Step 2: note what is served (the rollback target) and choose where the new release goes, then
   * stop the service and see the ports released.
   */
  private void stopCurrentService() {
    begin(STOP_SERVICE);
    ReleaseState current = d.stubs().onHost(HostChecks.class).inspectRelease(context);
    procedure.check(EvidenceOf.release(current), ReleaseGate.servesRelease(current));
    previousDir = current.currentDir();
    previousBackupDir = current.backupDir();
    previousVersion = current.currentVersion();
    if (d.rollbackTrust()) {
      releaseDir = ReleaseDirs.freshFor(env.layout().production(), d.version(), ReleaseHistory.of(current).directories());
    }
    d.previousVersions().put(host.name(), current.currentVersion());
    rollbackPoint(STOP_SERVICE, "start " + previousDir + " and verify health", this::startPreviousRelease);
    ServiceState stopped = stopService(d.stubs());
    procedure.conclude(EvidenceOf.service(stopped), ServiceGate.stopped(stopped));
  }

  /**
   * Step 3: copy staging into a directory of this deployment's own ({@code production-<version>},
   * or {@code production-<version>+<n>} when that name is taken: a release in use is never written
   * over) and switch the production link to it.
   */
  private void deployNewVersion() {
    begin(DEPLOY_NEW_VERSION);
    ReleaseCopy copy = d.stubs().transfer(ReleaseActivities.class).copyRelease(context, d.version(), releaseDir);
    procedure.evidence(EvidenceOf.copy(copy));
    // Both links go back as they were, so a later Emergency Rollback targets what it would have
    // targeted before this run; the host's history records the new release as rolled back.
    String undo = "point production back at " + previousDir;
    rollbackPoint(DEPLOY_NEW_VERSION, undo, () -> {
      ReleaseSwitch back = d.undoStubs(undo).onHost(ReleaseActivities.class).restoreRelease(context,
          new ReleaseChange(previousDir, releaseDir, previousBackupDir, previousVersion, ReleaseEvent.Kind.UNDO,
              d.workflowId(), d.runId()));
      return Undo.require(undo, ReleaseGate.switched(back, previousDir));
    });
    ReleaseSwitch switched = releases().switchRelease(context, new ReleaseChange(releaseDir, previousDir,
        previousDir, d.version(), ReleaseEvent.Kind.DEPLOY, d.workflowId(), d.runId()));
    procedure.conclude(EvidenceOf.switched(switched), ReleaseGate.switched(switched, releaseDir));
  }

  /** Step 4: the environment's config into the new release, its ports checked. */
  private void configurationUpdate() {
    begin(CONFIGURATION_UPDATE);
    String undo = "restore the config of " + previousDir + " from backup " + d.backupId();
    rollbackPoint(CONFIGURATION_UPDATE, undo, () -> {
      ConfigInstall restored = d.undoStubs(undo).onHost(ReleaseActivities.class)
          .restoreConfig(context, previousDir, d.backupId());
      return "config restored as " + restored.target();
    });
    ConfigInstall installed = releases().installConfig(context, releaseDir);
    procedure.conclude(EvidenceOf.config(installed), ConfigGate.check(installed, env.ports()));
  }

  /**
   * Step 5: start, then wait for readiness, up to {@code startAttempts} times (stopping before the
   * next try). Returns the log offset of the start that became ready: Step 10 reads the log of the
   * instance that now serves, not of the attempts that failed (those are in this step's evidence).
   */
  private long startNewService() {
    begin(START_SERVICE);
    rollbackPoint(START_SERVICE, "stop the new service", this::stopNewService);
    int maxAttempts = env.thresholds().startAttempts();
    List<GateResult> attempts = new ArrayList<>();
    Optional<Long> readyOffset = Optional.empty();
    while (readyOffset.isEmpty() && attempts.size() < maxAttempts) {
      if (!attempts.isEmpty()) {
        procedure.evidence(EvidenceOf.service(stopService(d.stubs())));
      }
      readyOffset = attemptStart(attempts);
    }
    procedure.check(ServiceGate.becameReady(attempts, maxAttempts));
    procedure.pass("");
    return readyOffset.orElseThrow();
  }

  /**
   * One start: the service manager says active, then /status says ready with the new version, from
   * the new release's directory. Returns the log offset when ready.
   */
  private Optional<Long> attemptStart(List<GateResult> attempts) {
    StartRelease start = new StartRelease(d.stubs(), env, host, releaseDir, d.version(), procedure::evidence);
    ServiceState started = start.start();
    GateResult verdict = ServiceGate.started(started);
    if (verdict.passed()) {
      StatusReport ready = start.awaitReady();
      verdict = GateResult.allOf(StatusGate.GATE, start.verify(ready));
    }
    attempts.add(verdict);
    return verdict.passed() ? Optional.of(started.logOffset()) : Optional.empty();
  }

  /** Step 6: /status ready, POST /connect works, still ready after connecting, telemetry says "connected". */
  private void serviceHealthChecks() {
    begin(HEALTH_CHECKS);
    StatusReport status = probes().status(env.statusUrl(host));
    procedure.check(EvidenceOf.status(status, host.name()), StatusGate.ready(status, host.name()));
    HttpExchange connect = probes().post(env.apiBaseUrl(host) + "/connect", "");
    procedure.check(EvidenceOf.http(connect, host.name()), HttpOkGate.check(connect, host.name()));
    StatusReport connected = d.stubs().polling(ProbeActivities.class, CONNECT_SETTLE_SECONDS)
        .awaitReady(env.statusUrl(host), CONNECT_SETTLE_SECONDS);
    procedure.check(EvidenceOf.status(connected, host.name()), StatusGate.ready(connected, host.name()));
    TelemetryProbe telemetry = probes().probeTelemetry(env.telemetryUrl(host), env.smokeTest().telemetryTimeoutSeconds());
    procedure.conclude(EvidenceOf.telemetry(telemetry, host.name()), TelemetryGate.check(telemetry, host.name()));
  }

  /** Step 7: the smoke test loads the configured scene (2xx) and the service stays ready. */
  private void functionalTesting() {
    begin(FUNCTIONAL_TESTING);
    HttpExchange scene = probes().post(env.apiBaseUrl(host) + "/scene/load", sceneLoadBody(env.smokeTest().scenePath()));
    procedure.check(EvidenceOf.http(scene, host.name()), HttpOkGate.check(scene, host.name()));
    StatusReport status = probes().status(env.statusUrl(host));
    procedure.conclude(EvidenceOf.status(status, host.name()), StatusGate.ready(status, host.name()));
  }

  /** Step 8: average response time of sequential GET /status. */
  private void performanceVerification() {
    begin(PERFORMANCE_VERIFICATION);
    ResponseTimes times = probes().sampleResponseTimes(env.statusUrl(host), env.smokeTest().responseTimeSamples());
    procedure.conclude(EvidenceOf.responseTimes(times, host.name()),
        ResponseTimeGate.check(times, env.thresholds(), host.name()));
  }

  /** Step 9: register with the load balancer and wait for "healthy"; skipped where there is none. */
  private void loadBalancerIntegration() {
    begin(LOAD_BALANCER);
    if (env.loadBalancer().configured()) {
      String undo = "deregister from the load balancer";
      rollbackPoint(LOAD_BALANCER, undo, () -> {
        TargetRegistration gone = d.undoStubs(undo).quick(LoadBalancerActivities.class).deregister(env.loadBalancer(), env.loadBalancerTarget(host));
        return "target " + gone.targetId() + " " + gone.state();
      });
    }
    TargetRegistration registered = d.stubs().polling(LoadBalancerActivities.class, env.loadBalancer().healthTimeoutSeconds())
        .register(env.loadBalancer(), env.loadBalancerTarget(host));
    procedure.evidence(EvidenceOf.registration(registered));
    if (registered.notConfigured()) {
      procedure.skipCurrent(registered.detail());
      return;
    }
    procedure.check(LoadBalancerGate.healthy(registered));
    procedure.pass("");
  }

  /**
   * Rollback of Step 2: the previous release serves again, healthy, with its version, from its
   * directory; or this undo failed. A service found running is not taken for the previous release
   * unless it is shown to be it.
   */
  private String startPreviousRelease() {
    String undo = "start " + previousDir + " and verify health";
    StartRelease start = new StartRelease(d.undoStubs(undo), env, host, previousDir, previousVersion, procedure::evidence);
    ServiceState started = start.start();
    Undo.require(undo, ServiceGate.started(started));
    return Undo.requireAll(undo, start.verify(start.awaitReady()));
  }

  /** Rollback of Step 5. */
  private String stopNewService() {
    String undo = "stop the new service";
    return Undo.require(undo, ServiceGate.stopped(stopService(d.undoStubs(undo))));
  }

  private ServiceState stopService(ActivityStubs stubs) {
    int wait = RunbookActivityOptions.STOP_WAIT_SECONDS;
    return stubs.command(ServiceActivities.class, wait).stopService(context, wait);
  }

  private void begin(Step step) {
    procedure.begin(step, host.name());
  }

  private void rollbackPoint(Step step, String description, Undo undo) {
    d.rollbackPoint(step, host, description, undo);
  }

  private ReleaseActivities releases() {
    return d.stubs().onHost(ReleaseActivities.class);
  }

  private ProbeActivities probes() {
    return d.stubs().quick(ProbeActivities.class);
  }

  /** {@code {"scene_path": "res://vr_main.tscn"}}, the path escaped as a JSON string. */
  static String sceneLoadBody(String scenePath) {
    StringBuilder json = new StringBuilder("{\"scene_path\": \"");
    for (char c : scenePath.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return json.append("\"}").toString();
  }
}
