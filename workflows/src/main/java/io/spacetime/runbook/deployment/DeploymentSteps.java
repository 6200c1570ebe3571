package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.core.StepCatalogue.covered;
import static io.spacetime.runbook.core.StepCatalogue.notChecked;

import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import java.util.List;

/**
 * The steps of RUNBOOK_DEPLOYMENT.md, numbered and titled as the runbook does, each with the items of
 * its "Verification Steps" list in the runbook's words. The workflows record their steps with these
 * constants only, and {@link #CATALOGUE} lists every one of them for the drift check ({@code ./runbook
 * runbooks coverage}); a test fails when a constant is missing from it.
 */
public final class DeploymentSteps {

  private DeploymentSteps() {}

  public static final Step LOAD_ENVIRONMENT = new Step("", "Load Environment");
  public static final Step DEPLOYMENT_LOCK = new Step("", "Deployment Lock");
  public static final Step DEPLOYMENT_WINDOW = new Step("", "Deployment Window");

  /** How the deployment goes through the fleet: canary, batches, failure threshold, pause. */
  public static final Step ROLLOUT_PLAN = new Step("", "Rollout Plan");

  // Pre-Deployment Checklist
  public static final Step SERVER_RESOURCES = new Step("1.1", "Server Resources", List.of(
      "Disk space >= 20GB free",
      "Memory >= 8GB available",
      "Load average < (cores * 0.5)",
      "No disk errors in dmesg",
      "File system is read/write"));
  public static final Step NETWORK_CONFIGURATION = new Step("1.2", "Network Configuration", List.of(
      "Firewall rules allow ports 6005, 6006, 8081, 8080",
      "Ports 8080-8085 are free or occupied by Godot",
      "DNS resolution works for internal hostname",
      "Network latency < 10ms to monitoring servers",
      "Load balancer health check configured"));
  public static final Step SECURITY_SETUP = new Step("1.3", "Security Group Setup", List.of(
      "Security groups allow required ports",
      "Source IP restrictions are correct",
      "TLS certificates valid for >= 30 days",
      "API tokens are rotated and valid",
      "SSH key access is configured"));
  public static final Step DNS_CONFIGURATION = new Step("1.4", "DNS Configuration", List.of(
      "DNS records point to current production",
      "TTL reduced to 300 seconds",
      "Health check endpoint responds",
      "Load balancer is healthy",
      "CDN cache is cleared (if applicable)"));
  public static final Step VERSION_VERIFICATION = new Step("2.1", "Version Verification", List.of(
      "Git tag matches release version",
      "Commit hash verified against release notes",
      "No uncommitted changes in staging",
      "Branch is up-to-date with origin",
      "Release notes reviewed"));
  public static final Step DEPENDENCY_CHECK = new Step("2.2", "Dependency Check", List.of(
      "Godot version >= 4.5.0",
      "Python 3.8+ installed",
      "Required Python packages installed",
      "Addon files present and readable",
      "No file permission issues"));
  public static final Step CURRENT_STATE_BACKUP = new Step("3.1", "Current State Backup", List.of(
      "Production code backup created",
      "Backup size is reasonable (> 100MB)",
      "Configuration files backed up",
      "Database backed up (if applicable)",
      "Backups stored in separate location",
      "Backup integrity verified (test extract)"));
  public static final Step STAGING_TESTS = new Step("4.1", "Staging Environment Tests", List.of(
      "Staging environment starts successfully",
      "All health checks pass",
      "Automated test suite passes 100%",
      "No errors in logs",
      "Performance metrics acceptable"));
  public static final Step LOAD_TESTING = new Step("4.2", "Load Testing", List.of(
      "Load test completes successfully",
      "Success rate >= 99.5%",
      "Average response time < 100ms",
      "95th percentile < 200ms",
      "CPU usage < 80% under load",
      "Memory usage < 80% under load",
      "No connection timeouts"));
  /** The clean-up 4.1 implies: staging started for the tests is stopped again, whatever happened. */
  public static final Step STOP_STAGING = new Step("4.2", "Stop Staging Environment");

  // Deployment Procedure
  public static final Step NOTIFICATION = new Step("Step 1", "Notification and Preparation", List.of(
      "Deployment notification sent",
      "Status page updated",
      "On-call engineer acknowledged",
      "Maintenance mode enabled (if needed)"));
  public static final Step STOP_SERVICE = new Step("Step 2", "Stop Current Production Service", List.of(
      "Service stopped cleanly",
      "Ports released",
      "No lingering processes",
      "Logs show clean shutdown"));
  public static final Step DEPLOY_NEW_VERSION = new Step("Step 3", "Deploy New Version", List.of(
      "Files synchronized successfully",
      "Symlink updated to new version",
      "Permissions set correctly",
      "File ownership correct",
      "No rsync errors"));
  public static final Step CONFIGURATION_UPDATE = new Step("Step 4", "Configuration Update", List.of(
      "Environment file updated",
      "Configuration values correct",
      "project.godot valid",
      "No syntax errors",
      "Secrets properly secured"));
  public static final Step START_SERVICE = new Step("Step 5", "Start New Service", List.of(
      "Service started successfully",
      "PID is stable (not restarting)",
      "Initialization logs look correct",
      "No error messages in logs"));
  public static final Step HEALTH_CHECKS = new Step("Step 6", "Service Health Checks", List.of(
      "HTTP API returns 200 status",
      "overall_ready is true",
      "Connection endpoint works",
      "Telemetry WebSocket connects",
      "No timeout errors"));
  public static final Step FUNCTIONAL_TESTING = new Step("Step 7", "Functional Testing", List.of(
      "Smoke tests pass 100%",
      "Health monitor shows green",
      "Scene management works",
      "No errors in logs during testing"));
  public static final Step PERFORMANCE_VERIFICATION = new Step("Step 8", "Performance Verification", List.of(
      "CPU usage normal (< 50%)",
      "Memory usage normal (< 4GB)",
      "Response times < 100ms",
      "FPS stable at 90",
      "No performance degradation"));
  public static final Step LOAD_BALANCER = new Step("Step 9", "Load Balancer Integration", List.of(
      "Server registered with load balancer",
      "Health check passes",
      "Target status is \"healthy\"",
      "Traffic routing correctly"));
  public static final Step FINAL_VALIDATION = new Step("Step 10", "Final Validation", List.of(
      "Maintenance mode disabled",
      "External access works",
      "Monitoring shows healthy metrics",
      "No critical errors in logs",
      "Deployment tracked in systems",
      "Team notified of completion"));

  // Post-Deployment Validation, "Immediate Validation (0-30 minutes)": its Validation Checklist
  public static final Step WATCH_WINDOW = new Step("", "Post-Deployment Validation: Watch Window", List.of(
      "No increase in error rates",
      "Response times within SLA",
      "CPU and memory stable",
      "No alerts triggered",
      "WebSocket connections stable"));

  // After a rollback (runbook "Post-Rollback Actions": notify stakeholders, explain the reason)
  public static final Step ROLLBACK_NOTICE = new Step("", "Rollback Notification");

  /**
   * What the deployment (the workflow and its per-host children) records, and what of
   * RUNBOOK_DEPLOYMENT.md it leaves to people, with why. Declared after the steps: a static field
   * is initialised in order.
   */
  public static final StepCatalogue CATALOGUE = new StepCatalogue("deployment", "RUNBOOK_DEPLOYMENT.md", "",
      List.of(LOAD_ENVIRONMENT, DEPLOYMENT_LOCK, DEPLOYMENT_WINDOW, ROLLOUT_PLAN, SERVER_RESOURCES, NETWORK_CONFIGURATION,
          SECURITY_SETUP, DNS_CONFIGURATION, VERSION_VERIFICATION, DEPENDENCY_CHECK, CURRENT_STATE_BACKUP, STAGING_TESTS,
          LOAD_TESTING, STOP_STAGING, NOTIFICATION, STOP_SERVICE, DEPLOY_NEW_VERSION, CONFIGURATION_UPDATE, START_SERVICE,
          HEALTH_CHECKS, FUNCTIONAL_TESTING, PERFORMANCE_VERIFICATION, LOAD_BALANCER, FINAL_VALIDATION, WATCH_WINDOW,
          ROLLBACK_NOTICE, DeploymentTtl.RESTORE),
      List.of(
          covered("1. Environment Verification", "steps 1.1-1.4, on every host"),
          covered("2. Code and Dependencies", "steps 2.1-2.2"),
          covered("3. Backup Verification", "step 3.1, on every host"),
          covered("4. Pre-Deployment Tests", "steps 4.1-4.2 on the staging host"),
          covered("Deployment Procedure", "Steps 1 and 10 once, Steps 2-9 host by host (in batches)"),
          covered("Rollback Procedures", "a failed gate after a change undoes every change in reverse (each"
              + " step's Undo); ./runbook rollback runs the Emergency Rollback")),
      List.of(
          notChecked("Review Logs", "the watch window samples error rate and p95; log review after the window"
              + " is a person's (Step 10 reads the logs once)"),
          notChecked("Extended Validation", "30 minutes to 2 hours after the run: a scheduled check's job, not"
              + " the deployment's"),
          notChecked("Full Validation", "2 to 24 hours of observation by people and the monitoring"),
          notChecked("Common Deployment Issues", "troubleshooting for people; the incident runbook's types are"
              + " the engine's responses to these symptoms")));
}
