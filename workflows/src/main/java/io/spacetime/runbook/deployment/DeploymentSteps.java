package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.Step;

/** The steps of RUNBOOK_DEPLOYMENT.md, numbered and titled as the runbook does. */
public final class DeploymentSteps {

  private DeploymentSteps() {}

  public static final Step LOAD_ENVIRONMENT = new Step("", "Load Environment");
  public static final Step DEPLOYMENT_LOCK = new Step("", "Deployment Lock");
  public static final Step DEPLOYMENT_WINDOW = new Step("", "Deployment Window");

  // Pre-Deployment Checklist
  public static final Step SERVER_RESOURCES = new Step("1.1", "Server Resources");
  public static final Step NETWORK_CONFIGURATION = new Step("1.2", "Network Configuration");
  public static final Step SECURITY_SETUP = new Step("1.3", "Security Group Setup");
  public static final Step DNS_CONFIGURATION = new Step("1.4", "DNS Configuration");
  public static final Step VERSION_VERIFICATION = new Step("2.1", "Version Verification");
  public static final Step DEPENDENCY_CHECK = new Step("2.2", "Dependency Check");
  public static final Step CURRENT_STATE_BACKUP = new Step("3.1", "Current State Backup");
  public static final Step STAGING_TESTS = new Step("4.1", "Staging Environment Tests");
  public static final Step LOAD_TESTING = new Step("4.2", "Load Testing");
  /** The clean-up 4.1 implies: staging started for the tests is stopped again, whatever happened. */
  public static final Step STOP_STAGING = new Step("4.2", "Stop Staging Environment");

  // Deployment Procedure
  public static final Step NOTIFICATION = new Step("Step 1", "Notification and Preparation");
  public static final Step STOP_SERVICE = new Step("Step 2", "Stop Current Production Service");
  public static final Step DEPLOY_NEW_VERSION = new Step("Step 3", "Deploy New Version");
  public static final Step CONFIGURATION_UPDATE = new Step("Step 4", "Configuration Update");
  public static final Step START_SERVICE = new Step("Step 5", "Start New Service");
  public static final Step HEALTH_CHECKS = new Step("Step 6", "Service Health Checks");
  public static final Step FUNCTIONAL_TESTING = new Step("Step 7", "Functional Testing");
  public static final Step PERFORMANCE_VERIFICATION = new Step("Step 8", "Performance Verification");
  public static final Step LOAD_BALANCER = new Step("Step 9", "Load Balancer Integration");
  public static final Step FINAL_VALIDATION = new Step("Step 10", "Final Validation");

  // After a rollback (runbook "Post-Rollback Actions": notify stakeholders, explain the reason)
  public static final Step ROLLBACK_NOTICE = new Step("", "Rollback Notification");
}
