package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.ShortHash;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.service.TeamNotifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One deployment run as its phases share it: what was asked, the environment it runs against, the
 * procedure that records it, and what it learned on the way (each host's previous version).
 */
final class Deployment {

  /** Room for the workflow id in a backup id: 100 characters in all, minus "-" and 8 of the run id. */
  private static final int MAX_WORKFLOW_PART = 91;

  private final DeploymentRequest request;
  private final Environment env;
  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final TeamNotifier team;
  private final String backupId;
  private final boolean rollbackTrust;
  private final boolean coverageChecks;
  private final boolean awsSteps;
  private final String workflowId;
  private final String runId;
  private final Map<String, String> previousVersions = new LinkedHashMap<>();
  private final Map<String, String> failedHosts = new LinkedHashMap<>();
  private Duration watchWindow = Duration.ZERO;

  /**
   * @param rollbackTrust the run follows the rules of {@link DeploymentRules#ROLLBACK_TRUST} (a fresh
   *     release directory per deployment, rollback proven possible at 3.1, the lock after the window);
   *     false only when replaying a run that started before them
   */
  Deployment(DeploymentRequest request, Environment env, Procedure procedure, ActivityStubs stubs, String backupId,
      boolean rollbackTrust, boolean coverageChecks) {
    this(request, env, procedure, stubs, backupId, rollbackTrust, coverageChecks,
        (env.loadBalancer().aws() || env.aws().configured()) && DeploymentRules.awsSteps(),
        io.temporal.workflow.Workflow.getInfo().getWorkflowId(), io.temporal.workflow.Workflow.getInfo().getRunId());
  }

  /** One host of a rollout, in the child workflow that deploys or undoes it, on the deployment's terms. */
  Deployment(HostOrder order, Procedure procedure, ActivityStubs stubs) {
    this(order.request(), order.env(), procedure, stubs, order.backupId(), order.rollbackTrust(), order.coverageChecks(),
        order.awsSteps(), order.deploymentId(), order.deploymentRunId());
  }

  private Deployment(DeploymentRequest request, Environment env, Procedure procedure, ActivityStubs stubs, String backupId,
      boolean rollbackTrust, boolean coverageChecks, boolean awsSteps, String workflowId, String runId) {
    this.request = request;
    this.env = env;
    this.procedure = procedure;
    this.stubs = stubs;
    this.team = new TeamNotifier(env, stubs);
    this.backupId = backupId;
    this.rollbackTrust = rollbackTrust;
    this.coverageChecks = coverageChecks;
    this.awsSteps = awsSteps;
    this.workflowId = workflowId;
    this.runId = runId;
  }

  /** What a host's child workflow needs to deploy or undo {@code host} as this run would. */
  HostOrder orderFor(Host host, String batch) {
    return new HostOrder(request, env.with(env.name(), java.util.List.of(host)), backupId, workflowId, runId,
        rollbackTrust, coverageChecks, awsSteps, batch);
  }

  /**
   * The run takes the AWS steps of {@link DeploymentRules#AWS_LOAD_BALANCER}; false for an
   * environment without AWS, and when replaying an older run.
   */
  boolean awsSteps() {
    return awsSteps;
  }

  /** The run makes the checks of {@link DeploymentRules#VERIFICATION_COVERAGE}; false only when replaying an older run. */
  boolean coverageChecks() {
    return coverageChecks;
  }

  /**
   * The 3.1 backup's id: the workflow id made safe for a file name (shortened with a hash of the
   * whole id when long, so the id always fits its own 100-character rule) and the start of the run
   * id the run was started with. A retried activity finds its own backup, another run never
   * overwrites it, and a run reset to a later step (which gets a new run id but keeps its original
   * one) still finds the backups it made before the reset.
   */
  static String backupId(String workflowId, String originalRunId) {
    String safe = workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > MAX_WORKFLOW_PART) {
      safe = safe.substring(0, MAX_WORKFLOW_PART - 9) + "~" + ShortHash.of(workflowId);
    }
    return safe + "-" + originalRunId.substring(0, Math.min(8, originalRunId.length()));
  }

  /** How long the release is watched after Step 10; zero when it is not (off, or a run from before the window). */
  Duration watchWindow() {
    return watchWindow;
  }

  void watchFor(Duration window) {
    watchWindow = window;
  }

  boolean rollbackTrust() {
    return rollbackTrust;
  }

  /**
   * The deployment's workflow and run ids, as the hosts' release histories record them (a
   * rollout's child records its deployment's, not its own).
   */
  String workflowId() {
    return workflowId;
  }

  String runId() {
    return runId;
  }

  DeploymentRequest request() {
    return request;
  }

  String version() {
    return request.version();
  }

  Environment env() {
    return env;
  }

  Procedure procedure() {
    return procedure;
  }

  ActivityStubs stubs() {
    return stubs;
  }

  TeamNotifier team() {
    return team;
  }

  String backupId() {
    return backupId;
  }

  /** What each host served before this run changed it, in host order. */
  Map<String, String> previousVersions() {
    return previousVersions;
  }

  /** Hosts a rollout tolerated as failed (each rolled back by its own run), with where each stopped. */
  Map<String, String> failedHosts() {
    return failedHosts;
  }

  List<Host> hosts() {
    return env.hosts();
  }

  /** The host {@code staging.host} names, or the first host; empty when the name is no host's. */
  Optional<Host> stagingHost() {
    String name = env.staging().host().isEmpty() ? env.hosts().get(0).name() : env.staging().host();
    return env.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** What a host activity needs about {@code host}. */
  HostContext on(Host host) {
    return env.on(host);
  }

  Layout layout(Host host) {
    return env.layoutOn(host);
  }

  /** {@code production-v2.5.0}: the directory name a deployment before the rollback-trust rules used. */
  String releaseDir() {
    return env.layout().releaseDirName(version());
  }

  /** Runs {@code step} on every host in order, beginning it on each. */
  void eachHost(Step step, Consumer<Host> body) {
    for (Host host : env.hosts()) {
      procedure.begin(step, host.name());
      body.accept(host);
    }
  }

  /**
   * A runbook Rollback Point for {@code host}: from now on a failure or a cancel runs {@code undo},
   * whose activities are summarised in the Web UI as "Rollback: description".
   */
  void rollbackPoint(Step step, Host host, String description, Undo undo) {
    procedure.rollbackPoint(step, host == null ? "" : host.name(), description, undo);
  }

  /** Stubs for an undo action, summarised as the rollback action they serve. */
  ActivityStubs undoStubs(String description) {
    return stubs.summarisedAs("Rollback: " + description);
  }

  /** "Deployment v2.5.0 to production", for notices and lock descriptions. */
  String title() {
    return "Deployment " + version() + " to " + env.name();
  }
}
