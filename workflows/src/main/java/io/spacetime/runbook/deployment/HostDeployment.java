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
import io.spacetime.runbook.deployment.gates.LogGate;
import io.spacetime.runbook.deployment.gates.ResponseTimeGate;
import io.spacetime.runbook.deployment.gates.TelemetryGate;
import io.spacetime.runbook.deployment.gates.UsageGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
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

  /** Step 5 "PID is stable": the same process at both ends of this sample. */
  static final int PID_SAMPLE_MILLIS = 500;
  /** Step 8: the service's CPU use is measured over this long. */
  static final int CPU_SAMPLE_MILLIS = 1000;

  /** The runbook waits 5 s after POST /connect; a bounded poll for readiness does the same. */
  static final int CONNECT_SETTLE_SECONDS = 5;

  /** Step 2's own item for the rolling step before the stop (the runbook's list has none for it). */
  static final String DRAINED = "Deregistered from the load balancer and drained";

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

  /** A host an earlier workflow deployed, as {@code release} records it: for its undo only. */
  HostDeployment(Deployment deployment, Host host, HostRelease release) {
    this(deployment, host);
    this.previousDir = release.previousDir();
    this.previousBackupDir = release.previousBackupDir();
    this.previousVersion = release.previousVersion();
    this.releaseDir = release.releaseDir();
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
   * Registers the Rollback Points a completed {@link #run} registered, in the same order, for a
   * host deployed by an earlier workflow (a rollout's child): {@link Procedure#rollBack} then undoes
   * the host exactly as this run's own rollback would have.
   */
  void rollbackPointsOfADeployedHost() {
    if (leavesLoadBalancer()) {
      undoLeave();
    }
    undoStop();
    undoSwitch();
    undoConfig();
    undoStart();
    undoRegistration();
  }

  /** What the host's undo needs to know about it, once {@link #run} has passed Step 2. */
  HostRelease release() {
    return new HostRelease(host.name(), previousDir, previousBackupDir, previousVersion, releaseDir);
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
    leaveLoadBalancer();
    undoStop();
    ServiceState stopped = stopService(d.stubs());
    procedure.evidence(EvidenceOf.service(stopped));
    Procedure.Verification v = procedure.verify(ServiceGate.GATE)
        .item(STOP_SERVICE.item("Service stopped cleanly"), ServiceGate.inactive(stopped))
        .item(STOP_SERVICE.item("Ports released"), ServiceGate.portsReleased(stopped));
    if (d.coverageChecks()) {
      v.item(STOP_SERVICE.item("No lingering processes"), ServiceGate.noLingering(stopped));
    } else {
      v.notChecked(STOP_SERVICE.item("No lingering processes"), "this run started before that check");
    }
    v.notChecked(STOP_SERVICE.item("Logs show clean shutdown"), "the service log has no agreed shutdown line to look for")
        .check();
    procedure.pass("");
  }

  /**
   * The rolling step before Step 2's stop: the host leaves the target group and drains, so the stop
   * cuts off no request in flight. Its undo runs after the undo of the stop (the previous release
   * serves again), re-registers the host and waits until it is healthy. AWS runs only.
   */
  private void leaveLoadBalancer() {
    if (!leavesLoadBalancer()) {
      return;
    }
    undoLeave();
    LoadBalancerSettings lb = env.loadBalancer();
    LoadBalancerTarget target = env.loadBalancerTarget(host);
    TargetRegistration gone = d.stubs().polling(LoadBalancerActivities.class, lb.drainTimeoutSeconds())
        .deregister(lb, target);
    procedure.check(AwsEvidence.deregistration(gone), DRAINED, LoadBalancerGate.drained(gone));
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
    // The copy fails the activity on any rsync (or cp) error, so reaching here means it exited 0.
    procedure.check(DEPLOY_NEW_VERSION.item("Files synchronized"), GateResult.pass("release copy",
        copy.files() + " files of staging/ in " + copy.releaseDir() + " on " + host.name()));
    procedure.check(DEPLOY_NEW_VERSION.item("No rsync errors"), GateResult.pass("release copy", "the copy exited 0"));
    String owners = "no owner or mode configured for releases: the copy keeps staging's (rsync -a)";
    procedure.notChecked(DEPLOY_NEW_VERSION.item("Permissions set correctly"), owners);
    procedure.notChecked(DEPLOY_NEW_VERSION.item("File ownership correct"), owners);
    undoSwitch();
    ReleaseSwitch switched = releases().switchRelease(context, new ReleaseChange(releaseDir, previousDir,
        previousDir, d.version(), ReleaseEvent.Kind.DEPLOY, d.workflowId(), d.runId()));
    procedure.check(EvidenceOf.switched(switched), DEPLOY_NEW_VERSION.item("Symlink updated"),
        ReleaseGate.switched(switched, releaseDir));
    procedure.pass("");
  }

  /** Step 4: the environment's config into the new release, its ports checked. */
  private void configurationUpdate() {
    begin(CONFIGURATION_UPDATE);
    undoConfig();
    ConfigInstall installed = releases().installConfig(context, releaseDir);
    procedure.evidence(EvidenceOf.config(installed));
    Procedure.Verification v = procedure.verify(ConfigGate.GATE)
        .item(CONFIGURATION_UPDATE.item("Environment file updated"), GateResult.pass(ConfigGate.GATE,
            "installed " + env.layout().configSource() + " as " + installed.target()))
        .item(CONFIGURATION_UPDATE.item("Configuration values correct"), ConfigGate.check(installed, env.ports()));
    if (d.coverageChecks() && installed.autoloadSection() != null) {
      v.item(CONFIGURATION_UPDATE.item("project.godot valid"), ConfigGate.autoload(installed))
          .item(CONFIGURATION_UPDATE.item("Secrets properly secured"), ConfigGate.secured(installed));
    } else if (d.coverageChecks()) {
      // Installed by a worker of the version before these checks (a rolling upgrade).
      v.notChecked(CONFIGURATION_UPDATE.item("project.godot valid"), "the worker that installed it did not read it")
          .notChecked(CONFIGURATION_UPDATE.item("Secrets properly secured"), "the worker that installed it did not"
              + " read the .env's mode");
    } else {
      v.notChecked(CONFIGURATION_UPDATE.item("project.godot valid"), "this run started before that check")
          .notChecked(CONFIGURATION_UPDATE.item("Secrets properly secured"), "this run started before that check");
    }
    v.notChecked(CONFIGURATION_UPDATE.item("No syntax errors"), "no syntax check for .env or project.godot beyond"
        + " reading the ports and the [autoload] section").check();
    procedure.pass("");
  }

  /**
   * Step 5: start, then wait for readiness, up to {@code startAttempts} times (stopping before the
   * next try). Returns the log offset of the start that became ready: Step 10 reads the log of the
   * instance that now serves, not of the attempts that failed (those are in this step's evidence).
   */
  private long startNewService() {
    begin(START_SERVICE);
    undoStart();
    int maxAttempts = env.thresholds().startAttempts();
    List<GateResult> attempts = new ArrayList<>();
    Optional<Long> readyOffset = Optional.empty();
    while (readyOffset.isEmpty() && attempts.size() < maxAttempts) {
      if (!attempts.isEmpty()) {
        procedure.evidence(EvidenceOf.service(stopService(d.stubs())));
      }
      readyOffset = attemptStart(attempts);
    }
    procedure.check(START_SERVICE.item("Service started successfully"), ServiceGate.becameReady(attempts, maxAttempts));
    String stable = START_SERVICE.item("PID is stable");
    String errors = START_SERVICE.item("No error messages in logs");
    if (d.coverageChecks()) {
      ServiceUsage usage = d.stubs().onHost(ServiceActivities.class).measureUsage(context, PID_SAMPLE_MILLIS);
      procedure.evidence(EvidenceOf.usage(usage));
      if (usage.unknown().isEmpty()) {
        procedure.check(stable, UsageGate.pidStable(usage));
      } else {
        procedure.notChecked(stable, usage.unknown());
      }
      LogScan scan = d.stubs().onHost(ServiceActivities.class).scanLog(context, readyOffset.orElseThrow(),
          FinalValidation.ERROR_PATTERN);
      procedure.check(EvidenceOf.logScan(scan), errors,
          LogGate.check(scan, FinalValidation.ERROR_PATTERN, env.thresholds().maxErrorLogLines()));
    } else {
      procedure.notChecked(stable, "this run started before that check");
      procedure.elsewhere(errors, "checked for the whole run in Step 10");
    }
    procedure.notChecked(START_SERVICE.item("Initialization logs look correct"), "no start-up line configured to look"
        + " for in the log");
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
    procedure.evidence(EvidenceOf.status(status, host.name()));
    procedure.check(HEALTH_CHECKS.item("HTTP API returns 200"), StatusGate.ready(status, host.name()));
    procedure.check(HEALTH_CHECKS.item("overall_ready is true"), StatusGate.ready(status, host.name()));
    HttpExchange connect = probes().post(env.apiBaseUrl(host) + "/connect", "");
    procedure.check(EvidenceOf.http(connect, host.name()), HEALTH_CHECKS.item("Connection endpoint works"),
        HttpOkGate.check(connect, host.name()));
    StatusReport connected = d.stubs().polling(ProbeActivities.class, CONNECT_SETTLE_SECONDS)
        .awaitReady(env.statusUrl(host), CONNECT_SETTLE_SECONDS);
    procedure.check(EvidenceOf.status(connected, host.name()), StatusGate.ready(connected, host.name()));
    TelemetryProbe telemetry = probes().probeTelemetry(env.telemetryUrl(host), env.smokeTest().telemetryTimeoutSeconds());
    procedure.check(EvidenceOf.telemetry(telemetry, host.name()), HEALTH_CHECKS.item("Telemetry WebSocket connects"),
        TelemetryGate.check(telemetry, host.name()));
    // Every probe above has a timeout and fails its gate without an answer: reaching here means none timed out.
    procedure.check(HEALTH_CHECKS.item("No timeout errors"), GateResult.pass(StatusGate.GATE,
        "/status, /connect and the telemetry WebSocket all answered within their timeouts"));
    procedure.pass("");
  }

  /** Step 7: the smoke test loads the configured scene (2xx) and the service stays ready. */
  private void functionalTesting() {
    begin(FUNCTIONAL_TESTING);
    HttpExchange scene = probes().post(env.apiBaseUrl(host) + "/scene/load", sceneLoadBody(env.smokeTest().scenePath()));
    procedure.evidence(EvidenceOf.http(scene, host.name()));
    GateResult loaded = HttpOkGate.check(scene, host.name());
    procedure.check(FUNCTIONAL_TESTING.item("Smoke tests pass"), loaded);
    procedure.check(FUNCTIONAL_TESTING.item("Scene management works"), loaded);
    StatusReport status = probes().status(env.statusUrl(host));
    procedure.check(EvidenceOf.status(status, host.name()), FUNCTIONAL_TESTING.item("Health monitor shows green"),
        StatusGate.ready(status, host.name()));
    procedure.elsewhere(FUNCTIONAL_TESTING.item("No errors in logs during testing"), "checked for the whole run in Step 10");
    procedure.pass("");
  }

  /** Step 8: average response time of sequential GET /status. */
  private void performanceVerification() {
    begin(PERFORMANCE_VERIFICATION);
    ResponseTimes times = probes().sampleResponseTimes(env.statusUrl(host), env.smokeTest().responseTimeSamples());
    procedure.evidence(EvidenceOf.responseTimes(times, host.name()));
    Procedure.Verification v = procedure.verify(ResponseTimeGate.GATE).item(
        PERFORMANCE_VERIFICATION.item("Response times"), ResponseTimeGate.check(times, env.thresholds(), host.name()));
    String cpu = PERFORMANCE_VERIFICATION.item("CPU usage normal");
    String memory = PERFORMANCE_VERIFICATION.item("Memory usage normal");
    if (d.coverageChecks()) {
      ServiceUsage usage = d.stubs().onHost(ServiceActivities.class).measureUsage(context, CPU_SAMPLE_MILLIS);
      procedure.evidence(EvidenceOf.usage(usage));
      if (usage.unknown().isEmpty()) {
        v.item(cpu, UsageGate.cpu(usage, env.thresholds())).item(memory, UsageGate.memory(usage, env.thresholds()));
      } else {
        v.notChecked(cpu, usage.unknown()).notChecked(memory, usage.unknown());
      }
    } else {
      v.notChecked(cpu, "this run started before that check").notChecked(memory, "this run started before that check");
    }
    v.notChecked(PERFORMANCE_VERIFICATION.item("FPS stable"), "the service reports no frame rate (/status has no fps)")
        .notChecked(PERFORMANCE_VERIFICATION.item("No performance degradation"), "no earlier figures to compare with")
        .check();
    procedure.pass("");
  }

  /** Step 9: register with the load balancer and wait for "healthy"; skipped where there is none. */
  private void loadBalancerIntegration() {
    begin(LOAD_BALANCER);
    undoRegistration();
    TargetRegistration registered = d.stubs().polling(LoadBalancerActivities.class, env.loadBalancer().healthTimeoutSeconds())
        .register(env.loadBalancer(), env.loadBalancerTarget(host));
    procedure.evidence(EvidenceOf.registration(registered));
    if (registered.notConfigured()) {
      procedure.skipCurrent(registered.detail());
      return;
    }
    procedure.check(LOAD_BALANCER.item("Server registered"), GateResult.pass(LoadBalancerGate.GATE,
        "target " + registered.targetId() + " registered"));
    procedure.check(LOAD_BALANCER.item("Health check passes"), LoadBalancerGate.healthy(registered));
    procedure.check(LOAD_BALANCER.item("Target status"), LoadBalancerGate.healthy(registered));
    procedure.notChecked(LOAD_BALANCER.item("Traffic routing"), "the load balancer does not show which target served a request");
    procedure.pass("");
  }

  private boolean leavesLoadBalancer() {
    return d.awsSteps() && env.loadBalancer().aws();
  }

  /** The undo of leaving the load balancer: runs after the previous release serves again. */
  private void undoLeave() {
    LoadBalancerSettings lb = env.loadBalancer();
    LoadBalancerTarget target = env.loadBalancerTarget(host);
    String undo = "register " + target.targetId() + " with the load balancer again and wait until healthy";
    rollbackPoint(STOP_SERVICE, undo, () -> {
      TargetRegistration back = d.undoStubs(undo).polling(LoadBalancerActivities.class, lb.healthTimeoutSeconds())
          .register(lb, target);
      procedure.evidence(EvidenceOf.registration(back));
      return Undo.require(undo, LoadBalancerGate.healthy(back));
    });
  }

  private void undoStop() {
    rollbackPoint(STOP_SERVICE, "start " + previousDir + " and verify health", this::startPreviousRelease);
  }

  /**
   * Both links go back as they were, so a later Emergency Rollback targets what it would have
   * targeted before this run; the host's history records the new release as rolled back.
   */
  private void undoSwitch() {
    String undo = "point production back at " + previousDir;
    rollbackPoint(DEPLOY_NEW_VERSION, undo, () -> {
      ReleaseSwitch back = d.undoStubs(undo).onHost(ReleaseActivities.class).restoreRelease(context,
          new ReleaseChange(previousDir, releaseDir, previousBackupDir, previousVersion, ReleaseEvent.Kind.UNDO,
              d.workflowId(), d.runId()));
      return Undo.require(undo, ReleaseGate.switched(back, previousDir));
    });
  }

  private void undoConfig() {
    String undo = "restore the config of " + previousDir + " from backup " + d.backupId();
    rollbackPoint(CONFIGURATION_UPDATE, undo, () -> {
      ConfigInstall restored = d.undoStubs(undo).onHost(ReleaseActivities.class)
          .restoreConfig(context, previousDir, d.backupId());
      return "config restored as " + restored.target();
    });
  }

  private void undoStart() {
    rollbackPoint(START_SERVICE, "stop the new service", this::stopNewService);
  }

  /** Where there is a load balancer: an AWS run waits for the target to drain before the next undo stops the service. */
  private void undoRegistration() {
    if (!env.loadBalancer().configured()) {
      return;
    }
    String undo = "deregister from the load balancer";
    rollbackPoint(LOAD_BALANCER, undo, () -> {
      LoadBalancerActivities lb = d.awsSteps()
          ? d.undoStubs(undo).polling(LoadBalancerActivities.class, env.loadBalancer().drainTimeoutSeconds())
          : d.undoStubs(undo).quick(LoadBalancerActivities.class);
      TargetRegistration gone = lb.deregister(env.loadBalancer(), env.loadBalancerTarget(host));
      return d.awsSteps() ? Undo.require(undo, LoadBalancerGate.drained(gone)) : "target " + gone.targetId() + " " + gone.state();
    });
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
