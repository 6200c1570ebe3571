package io.spacetime.runbook.deployment;

import io.temporal.workflow.Workflow;

/**
 * The {@code Workflow.getVersion} change ids of the deployment workflow: each marks where the
 * workflow's commands changed, so a run that started before the change replays on its old path
 * (see README "Changing a workflow safely" and the recorded histories the replay test uses).
 */
final class DeploymentRules {

  /**
   * Rollbacks an operator can trust: a fresh release directory per deployment (never written
   * over one in use), 3.1 proves each host's rollback possible before anything changes, and the
   * environment lock is taken after the deployment window and its emergency approval.
   */
  static final String ROLLBACK_TRUST = "rollback-trust";

  /**
   * The largest fleet one deployment takes: measured at about 200 history events per host for a
   * deployment that fails on its last host and rolls every host back (the worst case), so 100 hosts
   * stay under 20,000 events, far below Temporal's 51,200-event limit (README "Limits").
   */
  static final int MAX_HOSTS = 100;

  /**
   * Every runbook verification item checked or reported as not checked, with the checks that
   * needed new commands: disk errors in dmesg (1.1), the firewall, internal DNS and monitoring
   * latency (1.2), the public DNS record and its TTL (1.4), required release files and permissions
   * (2.2), the backup's size (3.1), the .env's mode and project.godot (Step 4), the pid and error
   * log after the start (Step 5), the service's CPU and memory (Step 8).
   */
  static final String VERIFICATION_COVERAGE = "verification-coverage";

  /**
   * The watch window after Step 10 (Post-Deployment Validation, When to Rollback): samples of error
   * rate and p95 for the configured window, an automatic rollback or a "consider rollback" decision.
   */
  static final String WATCH_WINDOW = "watch-window";

  /**
   * The AWS steps (issue 12, section 1): the load balancer preflight at the start of the checklist,
   * 1.3's security groups and 1.4's Route 53 record, a host deregistered and drained before Step 2
   * stops it, and the DNS TTL lowered for the run. Asked only for an environment that uses AWS, so a
   * {@code type: none} run records no marker and its commands are those of before.
   */
  static final String AWS_LOAD_BALANCER = "aws-load-balancer";

  /**
   * Canary and rolling batches (issue 12, section 2): a run whose rollout is not one host after
   * another deploys each host in a child workflow, batch by batch, with a failure threshold and a
   * pause; and a fleet of up to {@link #MAX_BATCHED_HOSTS} hosts is loaded. A one-by-one run's
   * commands are those of before.
   */
  static final String ROLLOUT = "rollout-batches";

  /**
   * 1.3 with TLS disabled is a checked step like any other: its TLS item "not checked: TLS
   * disabled", its security group, API token and SSH key items as when TLS is on. Before, the
   * whole step was SKIPPED and every item, the checked ones too, read "not checked: TLS disabled".
   * Asked only for an environment with TLS disabled.
   */
  static final String SECURITY_ITEMS_WITHOUT_TLS = "security-items-without-tls";

  /**
   * The largest fleet a rollout in batches takes: each host's Steps 2-9 are in its own child
   * workflow, so the deployment's history grows by the checklist's and the child's few events per
   * host: 200 hosts rolled back entirely take about 15,000 events; the result's size (each host's
   * checklist steps and undo) is what bounds it (FleetLimitsTest measures 200 hosts; README "Limits").
   */
  static final int MAX_BATCHED_HOSTS = 200;

  private DeploymentRules() {}

  /** True for a run that may go through the fleet in batches ({@link #ROLLOUT}); call once, where the run starts. */
  static boolean rollouts() {
    return Workflow.getVersion(ROLLOUT, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** True for a run that watches the release after Step 10; call once, where the run starts. */
  static boolean watchWindow() {
    return Workflow.getVersion(WATCH_WINDOW, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** True for a run with {@link #AWS_LOAD_BALANCER}'s steps; call once, after the environment is loaded. */
  static boolean awsSteps() {
    return Workflow.getVersion(AWS_LOAD_BALANCER, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** True for a run with {@link #VERIFICATION_COVERAGE}'s checks; call once, where the run starts. */
  static boolean coverageChecks() {
    return Workflow.getVersion(VERIFICATION_COVERAGE, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** True for a run whose 1.3 reports each item when TLS is off ({@link #SECURITY_ITEMS_WITHOUT_TLS}). */
  static boolean securityItemsWithoutTls() {
    return Workflow.getVersion(SECURITY_ITEMS_WITHOUT_TLS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** True for a run that follows {@link #ROLLBACK_TRUST}; call once, before the run's first command. */
  static boolean rollbackTrust() {
    return Workflow.getVersion(ROLLBACK_TRUST, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
