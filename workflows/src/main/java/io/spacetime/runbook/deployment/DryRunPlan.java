package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.CONFIGURATION_UPDATE;
import static io.spacetime.runbook.deployment.DeploymentSteps.CURRENT_STATE_BACKUP;
import static io.spacetime.runbook.deployment.DeploymentSteps.DEPLOY_NEW_VERSION;
import static io.spacetime.runbook.deployment.DeploymentSteps.FINAL_VALIDATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.FUNCTIONAL_TESTING;
import static io.spacetime.runbook.deployment.DeploymentSteps.HEALTH_CHECKS;
import static io.spacetime.runbook.deployment.DeploymentSteps.LOAD_BALANCER;
import static io.spacetime.runbook.deployment.DeploymentSteps.LOAD_TESTING;
import static io.spacetime.runbook.deployment.DeploymentSteps.NOTIFICATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.PERFORMANCE_VERIFICATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.STAGING_TESTS;
import static io.spacetime.runbook.deployment.DeploymentSteps.START_SERVICE;
import static io.spacetime.runbook.deployment.DeploymentSteps.STOP_SERVICE;

import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.StagingSettings;

/**
 * What a real run would do after the read-only checks, recorded as PLANNED steps in the order it
 * would do it, each change with its rollback. Calls no activity: a dry run changes nothing.
 */
final class DryRunPlan {

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;

  DryRunPlan(Deployment deployment) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
  }

  void record() {
    for (Host host : d.hosts()) {
      plan(CURRENT_STATE_BACKUP, host, "archive " + d.layout(host).productionLink() + " and its config into "
          + d.layout(host).backupsPath() + "/production_pre_deploy_" + d.backupId() + ".tar.gz");
    }
    preDeploymentTests();
    plan(NOTIFICATION, null, "notify " + env.notifications().channel() + ": \"" + d.title() + " starting\""
        + (d.awsSteps() && env.aws().route53().lowersTtl() ? "; lower the TTL of " + env.aws().route53().recordName()
            + " to " + env.aws().route53().deploymentTtlSeconds() + " s (rollback and after the run: restore it)" : "")
        + (env.maintenance().enabled() ? "; maintenance mode on (rollback: off)" : ""));
    d.hosts().forEach(this::hostSteps);
    plan(FINAL_VALIDATION, null, (env.maintenance().enabled() ? "maintenance mode off; " : "")
        + "no " + FinalValidation.ERROR_PATTERN + " lines in " + env.service().logFile() + " since each start; "
        + "every host ready; notify \"" + d.title() + " complete\"");
    if (!d.watchWindow().isZero()) {
      plan(DeploymentSteps.WATCH_WINDOW, null, "watch error rate and p95 for " + d.watchWindow().toSeconds() + " s, every "
          + env.watch().intervalSeconds() + " s, from " + (env.watch().fromPrometheus() ? env.watch().prometheusUrl()
              : "every host's /status and /scene/load") + "; roll back above " + env.watch().rollbackErrorRatePercent()
          + " % or " + env.watch().rollbackP95Ms() + " ms, ask above " + env.watch().considerErrorRatePercent() + " % or "
          + env.watch().considerP95Ms() + " ms");
    }
  }

  private void preDeploymentTests() {
    StagingSettings staging = env.staging();
    if (!staging.enabled()) {
      return;
    }
    Host host = d.stagingHost().orElse(null);
    plan(STAGING_TESTS, host, "start staging (" + staging.start() + "), check health on port " + staging.apiPort()
        + " and telemetry on " + staging.telemetryPort() + ", run " + staging.testCommand() + ", stop staging");
    if (env.loadTest().enabled()) {
      plan(LOAD_TESTING, host, env.loadTest().users() + " users for " + env.loadTest().durationSeconds()
          + " s against " + env.loadTest().path() + " on staging");
    }
  }

  private void hostSteps(Host host) {
    Layout layout = d.layout(host);
    Thresholds t = env.thresholds();
    String release = d.releaseDir();
    String drain = d.awsSteps() && env.loadBalancer().aws() ? "deregister " + host.loadBalancerTargetId()
        + " from the target group and wait up to " + env.loadBalancer().drainTimeoutSeconds() + " s for draining"
        + " (rollback: register it again and wait for healthy), then " : "";
    plan(STOP_SERVICE, host, drain + "stop the service (" + env.service().stop() + "); rollback: start the current release and verify health");
    plan(DEPLOY_NEW_VERSION, host, "copy " + layout.stagingPath() + " to " + layout.releasePath(d.version())
        + ", point " + layout.productionLink() + " at " + release + "; rollback: point it back");
    plan(CONFIGURATION_UPDATE, host, "install " + layout.configSourcePath() + " as " + release
        + "/.env; rollback: restore the current release's config from the 3.1 backup");
    plan(START_SERVICE, host, "start the service (" + env.service().start() + "), up to " + t.startAttempts()
        + " attempts of " + t.startupTimeoutSeconds() + " s to become ready; rollback: stop it");
    plan(HEALTH_CHECKS, host, "GET /status, POST /connect, telemetry " + env.telemetryUrl(host));
    plan(FUNCTIONAL_TESTING, host, "POST /scene/load " + env.smokeTest().scenePath());
    plan(PERFORMANCE_VERIFICATION, host, env.smokeTest().responseTimeSamples() + " x GET /status, average < "
        + t.maxAverageResponseMs() + " ms");
    plan(LOAD_BALANCER, host, env.loadBalancer().configured()
        ? "register with the load balancer and wait for healthy; rollback: deregister"
        : "no load balancer (loadBalancer.type: " + env.loadBalancer().type() + "): nothing to register");
  }

  private void plan(Step step, Host host, String change) {
    procedure.plan(step, host == null ? "" : host.name(), change);
  }
}
