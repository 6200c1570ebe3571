package io.spacetime.runbook.rollback;

import static io.spacetime.runbook.core.StepCatalogue.covered;

import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import java.util.List;

/**
 * The runbook's "Emergency Rollback Procedure", step by step; {@link #CATALOGUE} lists every step
 * for the drift check ({@code ./runbook runbooks coverage}).
 */
public final class RollbackSteps {

  private RollbackSteps() {}

  public static final Step LOAD_ENVIRONMENT = new Step("", "Load Environment");
  public static final Step ROLLBACK_LOCK = new Step("", "Deployment Lock");
  public static final Step ROLLBACK_TARGET = new Step("", "Choose Rollback Target");
  /** AWS environments: the target group as Step 9 of a deployment reads it, before any host is touched. */
  public static final Step LOAD_BALANCER_PREFLIGHT = new Step("", "Load Balancer Preflight");
  /** AWS environments, before Step 1: the host leaves the target group and drains, as a deployment's host does. */
  public static final Step LEAVE_LOAD_BALANCER = new Step("", "Leave Load Balancer");
  public static final Step STOP_SERVICE = new Step("Step 1", "Stop current service");
  public static final Step RESTORE_SYMLINK = new Step("Step 2", "Restore previous version symlink");
  public static final Step RESTORE_CONFIGURATION = new Step("Step 3", "Restore configuration");
  // The runbook's "Rollback Verification" list, each item on the step that checks it.
  public static final Step START_SERVICE = new Step("Step 4", "Start service", List.of("Service started successfully"));
  public static final Step WAIT_FOR_STARTUP = new Step("Step 5", "Wait for startup");
  public static final Step VERIFY_HEALTH = new Step("Step 6", "Verify health",
      List.of("Health check passes", "Previous version confirmed", "Error rate decreased"));
  /** AWS environments, after Step 6: the host joins the target group again and is healthy there. */
  public static final Step JOIN_LOAD_BALANCER = new Step("", "Join Load Balancer");
  public static final Step NOTIFY_TEAM = new Step("Step 7", "Notify team", List.of("Team notified"));

  /** What the Emergency Rollback records; its "Rollback Verification" items are on Steps 4, 6 and 7. */
  public static final StepCatalogue CATALOGUE = new StepCatalogue("rollback", "RUNBOOK_DEPLOYMENT.md",
      "Emergency Rollback Procedure",
      List.of(LOAD_ENVIRONMENT, ROLLBACK_LOCK, ROLLBACK_TARGET, LOAD_BALANCER_PREFLIGHT, LEAVE_LOAD_BALANCER, STOP_SERVICE,
          RESTORE_SYMLINK, RESTORE_CONFIGURATION, START_SERVICE, WAIT_FOR_STARTUP, VERIFY_HEALTH, JOIN_LOAD_BALANCER,
          NOTIFY_TEAM),
      List.of(covered("Emergency Rollback Procedure", "Steps 1-7 on every host")), List.of());
}
