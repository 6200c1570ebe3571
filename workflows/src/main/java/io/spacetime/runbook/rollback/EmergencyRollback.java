package io.spacetime.runbook.rollback;

import static io.spacetime.runbook.rollback.RollbackSteps.JOIN_LOAD_BALANCER;
import static io.spacetime.runbook.rollback.RollbackSteps.LEAVE_LOAD_BALANCER;
import static io.spacetime.runbook.rollback.RollbackSteps.LOAD_BALANCER_PREFLIGHT;
import static io.spacetime.runbook.rollback.RollbackSteps.LOAD_ENVIRONMENT;
import static io.spacetime.runbook.rollback.RollbackSteps.NOTIFY_TEAM;
import static io.spacetime.runbook.rollback.RollbackSteps.RESTORE_CONFIGURATION;
import static io.spacetime.runbook.rollback.RollbackSteps.RESTORE_SYMLINK;
import static io.spacetime.runbook.rollback.RollbackSteps.ROLLBACK_LOCK;
import static io.spacetime.runbook.rollback.RollbackSteps.ROLLBACK_TARGET;
import static io.spacetime.runbook.rollback.RollbackSteps.START_SERVICE;
import static io.spacetime.runbook.rollback.RollbackSteps.STOP_SERVICE;
import static io.spacetime.runbook.rollback.RollbackSteps.VERIFY_HEALTH;
import static io.spacetime.runbook.rollback.RollbackSteps.WAIT_FOR_STARTUP;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.GateFailure;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.RunbookActivityOptions;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.deployment.AwsEvidence;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.gates.LoadBalancerGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.LoadEnvironment;
import io.spacetime.runbook.lock.EnvironmentLock;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.service.ConfigGate;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.ReleaseGate;
import io.spacetime.runbook.service.ReleaseHistory;
import io.spacetime.runbook.service.ServiceGate;
import io.spacetime.runbook.service.StartRelease;
import io.spacetime.runbook.service.StatusGate;
import io.spacetime.runbook.service.TeamNotifier;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runbook's Emergency Rollback Procedure, host by host in inventory order. Every target is
 * chosen and checked on every host before any host is touched; a refusal there is ABORTED with
 * nothing changed. Once a host is being restored there is no automatic way back (rolling forward
 * again is a decision for a person): a failure stops the run as ROLLBACK_FAILED, naming the host,
 * the step, and what is left to do.
 */
final class EmergencyRollback {

  /**
   * How long the rollback waits for a deployment it stopped to undo its changes and release the
   * environment: a deployment's own rollback restarts the previous release host by host.
   */
  static final Duration PREEMPT_PATIENCE = Duration.ofMinutes(30);

  /**
   * The largest fleet one Emergency Rollback takes: about 80 history events per host, so 300
   * hosts stay under half of Temporal's 51,200-event limit (README "Limits"); through an AWS load
   * balancer about 18 more per host (its leave and join; measured on the recorded
   * rollback-aws-succeeded history): about 29,500 events for 300 hosts, under 60 % of the limit.
   */
  static final int MAX_HOSTS = 300;

  /**
   * The {@code Workflow.getVersion} change id of taking each host out of an AWS target group around
   * its restore, as a deployment's Step 9 does: deregister and drain before the stop, register and
   * wait until healthy after the health check. Runs from before left the load balancer alone.
   */
  static final String LOAD_BALANCER = "rollback-load-balancer";

  private final RollbackRequest request;
  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final Map<String, String> fromVersions = new LinkedHashMap<>();
  private final Map<String, String> restoredVersions = new LinkedHashMap<>();
  private Environment env;
  /** The deployment that held the environment and was asked to stop and roll back, if any. */
  private Optional<String> stoppedDeployment = Optional.empty();
  /** True when the environment's hosts sit behind an AWS target group and this run takes them out and back. */
  private boolean throughLoadBalancer;
  /** Hosts this run deregistered and has not registered again. */
  private final Set<String> outOfLoadBalancer = new java.util.LinkedHashSet<>();

  EmergencyRollback(RollbackRequest request, Procedure procedure, ActivityStubs stubs) {
    this.request = request;
    this.procedure = procedure;
    this.stubs = stubs;
  }

  RollbackResult run(EnvironmentLock lock) {
    List<RollbackTarget> targets;
    try {
      env = LoadEnvironment.run(procedure, stubs, LOAD_ENVIRONMENT, request.environment(), MAX_HOSTS);
      stoppedDeployment = lock.acquirePreempting(ROLLBACK_LOCK, "emergency rollback of " + request.environment() + ": "
          + request.reason(), Set.of(DeploymentWorkflow.TYPE), PREEMPT_PATIENCE);
      throughLoadBalancer = env.loadBalancer().aws()
          && Workflow.getVersion(LOAD_BALANCER, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
      loadBalancerPreflight();
      targets = chooseRollbackTargets();
    } catch (GateFailure | ActivityFailure | CanceledFailure e) {
      return notStarted(e);
    }
    for (RollbackTarget target : targets) {
      try {
        if (target.stays()) {
          keepRelease(target);
        } else {
          restoreRelease(target);
        }
        bringServiceBack(target);
      } catch (GateFailure | ActivityFailure | CanceledFailure e) {
        return failedOn(target, targets, e);
      }
    }
    notifyTeam();
    return result(Outcome.SUCCEEDED, "restored " + describe(restoredVersions) + " (was " + describe(fromVersions) + ")");
  }

  /**
   * Where each host goes back to: the release named by {@code toVersion}, or the last release known
   * good by the host's release history (never one that was itself rolled back).
   */
  private List<RollbackTarget> chooseRollbackTargets() {
    List<RollbackTarget> targets = new ArrayList<>();
    for (Host host : env.hosts()) {
      procedure.begin(ROLLBACK_TARGET, host.name());
      ReleaseState state = stubs.onHost(HostChecks.class).inspectRelease(env.on(host));
      procedure.evidence(EvidenceOf.release(state));
      Optional<String> undoneBy = stoppedDeployment.filter(id -> ReleaseHistory.of(state).undoneOrUntouchedBy(id));
      if (undoneBy.isPresent() && !state.currentDir().isEmpty() && request.toVersion().isEmpty()) {
        // The deployment this rollback stopped has put this host back where it was (or never
        // reached it): rolling back further would restore a release older than the one before it.
        procedure.conclude(EvidenceOf.note(host.name(), "release history", "undone by " + undoneBy.get(), Map.of()),
            GateResult.pass(ReleaseGate.GATE, host.name() + " stays on " + state.currentDir() + ": the deployment "
                + undoneBy.get() + " this rollback stopped did not change it or has undone its change"));
        targets.add(new RollbackTarget(host, state.currentDir(), state.currentVersion(), state.currentDir(),
            state.currentVersion(), state.backupDir()));
        continue;
      }
      String production = env.layout().production();
      String targetDir = ReleaseGate.chooseTarget(state, request.toVersion(), production);
      procedure.check(ReleaseGate.rollbackTarget(state, request.toVersion(), targetDir));
      procedure.pass("");
      String targetVersion = ReleaseHistory.of(state).versionOf(targetDir, production);
      targets.add(new RollbackTarget(host, state.currentDir(), state.currentVersion(), targetDir, targetVersion,
          ReleaseGate.nextBackup(state, targetDir, targetVersion)));
    }
    return targets;
  }

  /** Steps 1-3 for a host that already serves the release to keep: nothing to stop or restore. */
  private void keepRelease(RollbackTarget t) {
    fromVersions.put(t.host().name(), t.currentVersion());
    String why = "nothing to restore: " + t.host().name() + " serves " + t.targetDir() + ", where "
        + stoppedDeployment.orElse("the stopped deployment") + " left it";
    procedure.skip(STOP_SERVICE, t.host().name(), why);
    procedure.skip(RESTORE_SYMLINK, t.host().name(), why);
    procedure.skip(RESTORE_CONFIGURATION, t.host().name(), why);
  }

  /**
   * Before any host is touched: the target group exists, the worker may read it, and it checks
   * health. An unknown group, a wrong region or a missing permission is ABORTED with AWS's error.
   */
  private void loadBalancerPreflight() {
    if (!throughLoadBalancer) {
      return;
    }
    procedure.begin(LOAD_BALANCER_PREFLIGHT, "");
    TargetGroupReport report = stubs.quick(LoadBalancerActivities.class)
        .preflight(env.loadBalancer(), env.hosts().stream().map(env::loadBalancerTarget).toList());
    procedure.conclude(AwsEvidence.targetGroup(report), LoadBalancerGate.healthCheckConfigured(report));
  }

  /** Before Step 1: users stop reaching the host, and the requests in flight finish, before it stops. */
  private void leaveLoadBalancer(Host host) {
    if (!throughLoadBalancer) {
      return;
    }
    LoadBalancerSettings lb = env.loadBalancer();
    begin(LEAVE_LOAD_BALANCER, host);
    TargetRegistration gone = stubs.polling(LoadBalancerActivities.class, lb.drainTimeoutSeconds())
        .deregister(lb, env.loadBalancerTarget(host));
    outOfLoadBalancer.add(host.name());
    procedure.conclude(AwsEvidence.deregistration(gone), LoadBalancerGate.drained(gone));
  }

  /** After Step 6: the restored host serves users again only once the load balancer calls it healthy. */
  private void joinLoadBalancer(Host host) {
    if (!throughLoadBalancer) {
      return;
    }
    LoadBalancerSettings lb = env.loadBalancer();
    begin(JOIN_LOAD_BALANCER, host);
    TargetRegistration registered = stubs.polling(LoadBalancerActivities.class, lb.healthTimeoutSeconds())
        .register(lb, env.loadBalancerTarget(host));
    procedure.conclude(EvidenceOf.registration(registered), LoadBalancerGate.healthy(registered));
    outOfLoadBalancer.remove(host.name());
  }

  /** Steps 1-3: stop, restore the symlink, restore the configuration. */
  private void restoreRelease(RollbackTarget t) {
    Host host = t.host();
    fromVersions.put(host.name(), t.currentVersion());
    leaveLoadBalancer(host);
    begin(STOP_SERVICE, host);
    int wait = RunbookActivityOptions.STOP_WAIT_SECONDS;
    ServiceState stopped = stubs.command(ServiceActivities.class, wait)
        .stopService(env.on(host), wait);
    procedure.conclude(EvidenceOf.service(stopped), ServiceGate.stopped(stopped));
    begin(RESTORE_SYMLINK, host);
    // production.backup moves to the release a further rollback would restore, never to the one
    // rolled back from: the runbook's own "ln -sfn production.backup production" stays right too.
    ReleaseSwitch restored = releases().switchRelease(env.on(host), new ReleaseChange(
        t.targetDir(), t.currentDir(), t.nextBackupDir(), t.targetVersion(), ReleaseEvent.Kind.ROLLBACK,
        Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId()));
    procedure.conclude(EvidenceOf.switched(restored), ReleaseGate.switched(restored, t.targetDir()));
    begin(RESTORE_CONFIGURATION, host);
    // The runbook copies the newest backups/.env.* into production/. Installing the environment's
    // config source into the restored release gives the same file without depending on how
    // backups are named or on a backup existing for this release.
    ConfigInstall config = releases().installConfig(env.on(host), t.targetDir());
    procedure.conclude(EvidenceOf.config(config), ConfigGate.check(config, env.ports()));
  }

  /**
   * Steps 4-6: start, wait for readiness, verify health, the version served ("Previous version
   * confirmed") and the directory it is served from.
   */
  private void bringServiceBack(RollbackTarget t) {
    Host host = t.host();
    StartRelease start = new StartRelease(stubs, env, host, t.targetDir(), t.targetVersion(), procedure::evidence);
    begin(START_SERVICE, host);
    ServiceState started = start.start();
    procedure.check(START_SERVICE.item("Service started successfully"), ServiceGate.started(started));
    procedure.pass("");
    begin(WAIT_FOR_STARTUP, host);
    StatusReport ready = start.awaitReady();
    procedure.check(StatusGate.ready(ready, host.name()));
    procedure.pass("");
    begin(VERIFY_HEALTH, host);
    StatusReport status = stubs.quick(ProbeActivities.class).status(env.statusUrl(host));
    procedure.evidence(EvidenceOf.status(status, host.name()));
    procedure.check(VERIFY_HEALTH.item("Health check passes"), start.healthy(status));
    procedure.check(VERIFY_HEALTH.item("Previous version confirmed"),
        GateResult.allOf("previous version", start.confirmRelease(status)));
    procedure.notChecked(VERIFY_HEALTH.item("Error rate decreased"),
        "no monitoring query configured for this environment: an error rate needs metrics from before and after");
    procedure.pass("");
    joinLoadBalancer(host);
    restoredVersions.put(host.name(), t.targetVersion());
  }

  /** Step 7, once: best effort, the hosts are restored whether or not the notice arrives. */
  private void notifyTeam() {
    String title = "Rollback completed due to " + request.reason();
    new TeamNotifier(env, stubs).tell(procedure, NOTIFY_TEAM, Notice.WARNING, title,
        TeamNotifier.lines(request.environment() + ": " + describe(restoredVersions) + " (was " + describe(fromVersions) + ")",
            request.requestedBy().isEmpty() ? "" : "Requested by " + request.requestedBy()));
  }

  private RollbackResult notStarted(RuntimeException e) {
    boolean cancelled = CancellationScope.current().isCancelRequested();
    return result(cancelled ? Outcome.CANCELLED : Outcome.ABORTED,
        (cancelled ? "cancelled" : "rollback refused") + " at " + failure(e, cancelled) + "; nothing was changed");
  }

  private RollbackResult failedOn(RollbackTarget t, List<RollbackTarget> targets, RuntimeException e) {
    boolean cancelled = CancellationScope.current().isCancelRequested();
    String failure = failure(e, cancelled);
    List<String> untouched = targets.subList(targets.indexOf(t) + 1, targets.size()).stream()
        .map(r -> r.host().name()).toList();
    String message = "ROLLBACK FAILED on " + t.host().name() + (cancelled ? " (cancelled)" : "") + " at " + failure
        + ". A person must act now: " + t.host().name() + " may not be serving; finish the Emergency Rollback Procedure"
        + " there by hand (target " + t.targetDir() + "). Restored: " + describeOrNone(restoredVersions)
        + ". Not touched: " + (untouched.isEmpty() ? "none" : String.join(", ", untouched)) + "."
        + (outOfLoadBalancer.isEmpty() ? "" : " Out of the load balancer (deregistered by this run): "
            + String.join(", ", outOfLoadBalancer) + "; register " + (outOfLoadBalancer.size() == 1 ? "it" : "them")
            + " again once healthy.");
    new TeamNotifier(env, stubs).tell(procedure, NOTIFY_TEAM, Notice.CRITICAL,
        "ROLLBACK FAILED on " + request.environment() + " (" + t.host().name() + ")", message);
    return result(Outcome.ROLLBACK_FAILED, message);
  }

  /** Closes the step that was running and names the one that stopped the run, with why. */
  private String failure(RuntimeException e, boolean cancelled) {
    return procedure.stoppedAt(e, cancelled ? "cancelled" : null).describe();
  }

  private RollbackResult result(Outcome outcome, String message) {
    String title = "Emergency rollback of " + request.environment()
        + (request.toVersion().isEmpty() ? "" : " to " + request.toVersion());
    String report = procedure.finish(outcome, title, message);
    return new RollbackResult(outcome, request.environment(), new LinkedHashMap<>(fromVersions),
        new LinkedHashMap<>(restoredVersions), message, procedure.resultSteps(), report);
  }

  private void begin(Step step, Host host) {
    procedure.begin(step, host.name());
  }

  private ReleaseActivities releases() {
    return stubs.onHost(ReleaseActivities.class);
  }

  private static String describe(Map<String, String> versions) {
    return String.join(", ", versions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
  }

  private static String describeOrNone(Map<String, String> versions) {
    return versions.isEmpty() ? "none" : describe(versions);
  }
}
