package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.LOAD_TESTING;
import static io.spacetime.runbook.deployment.DeploymentSteps.STAGING_TESTS;
import static io.spacetime.runbook.deployment.DeploymentSteps.STOP_STAGING;

import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.gates.CommandGate;
import io.spacetime.runbook.deployment.gates.LoadTestGate;
import io.spacetime.runbook.deployment.gates.TelemetryGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.LoadTestSettings;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.StatusGate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * Runbook "Pre-Deployment Tests" on the staging host: 4.1 starts the staged release with the
 * staging ports, checks its health and telemetry and runs the test suite; 4.2 load-tests it.
 * Staging is stopped afterwards whatever happened. A failure aborts: production was not touched.
 */
final class PreDeploymentTests {

  /** How long the staging start and stop commands may take. */
  static final int STAGING_COMMAND_SECONDS = 120;
  /** Change id: staging start asks whether staging already runs, so a retried start is not a second start. */
  static final String STAGING_START_CHECKS_FIRST = "staging-start-checks-first";

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;
  private final StagingSettings staging;

  PreDeploymentTests(Deployment deployment) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
    this.staging = env.staging();
  }

  void run() {
    if (!staging.enabled()) {
      procedure.skip(STAGING_TESTS, "", "staging disabled for this environment (staging.enabled: false)");
      procedure.skip(LOAD_TESTING, "", "staging disabled for this environment (staging.enabled: false)");
      return;
    }
    Host host = stagingHost();
    try {
      stagingEnvironmentTests(host);
      loadTesting(host);
    } catch (RuntimeException e) {
      procedure.failCurrent(Failures.describe(e));
      throw e;
    } finally {
      stopStaging(host);
    }
  }

  /** 4.1: start staging, health, telemetry, then the automated test suite (exit 0). */
  private void stagingEnvironmentTests(Host host) {
    procedure.begin(STAGING_TESTS, host.name());
    ServiceActivities services = d.stubs().command(ServiceActivities.class, STAGING_COMMAND_SECONDS);
    // Runs recorded before startStaging existed replay the plain command; new runs check first.
    CommandEvidence started = Workflow.getVersion(STAGING_START_CHECKS_FIRST, Workflow.DEFAULT_VERSION, 1) == 1
        ? services.startStaging(d.on(host), staging, STAGING_COMMAND_SECONDS)
        : services.runServiceCommand(d.on(host), staging.start(), STAGING_COMMAND_SECONDS);
    procedure.evidence(EvidenceOf.command(started));
    procedure.check(STAGING_TESTS.item("Staging environment starts"), CommandGate.succeeded(started, "staging start command"));
    int startup = env.thresholds().startupTimeoutSeconds();
    StatusReport ready = d.stubs().polling(ProbeActivities.class, startup).awaitReady(baseUrl(host) + "/status", startup);
    procedure.evidence(EvidenceOf.status(ready, host.name()));
    TelemetryProbe telemetry = d.stubs().quick(ProbeActivities.class)
        .probeTelemetry(telemetryUrl(host), env.smokeTest().telemetryTimeoutSeconds());
    procedure.evidence(EvidenceOf.telemetry(telemetry, host.name()));
    procedure.check(STAGING_TESTS.item("All health checks"), GateResult.allOf(StatusGate.GATE,
        List.of(StatusGate.ready(ready, host.name()), TelemetryGate.check(telemetry, host.name()))));
    String suite = STAGING_TESTS.item("Automated test suite");
    if (staging.testCommand().isEmpty()) {
      procedure.notChecked(suite, "no staging test suite configured (staging.testCommand)");
    } else {
      CommandEvidence tests = d.stubs().command(HostChecks.class, staging.testTimeoutSeconds()).runConfiguredCommand(
          d.on(host), d.layout(host).stagingPath(), staging.testCommand(), staging.testTimeoutSeconds());
      procedure.check(EvidenceOf.command(tests), suite, CommandGate.succeeded(tests, "staging test suite"));
    }
    procedure.notChecked(STAGING_TESTS.item("No errors in logs"), "no staging log configured to read");
    procedure.elsewhere(STAGING_TESTS.item("Performance metrics"), "measured by 4.2 Load Testing");
    procedure.pass("");
  }

  /** 4.2: success rate, average and 95th percentile under load, against staging. */
  private void loadTesting(Host host) {
    LoadTestSettings load = env.loadTest();
    if (!load.enabled()) {
      procedure.skip(LOAD_TESTING, host.name(), "load testing disabled for this environment (loadTest.enabled: false)");
      return;
    }
    procedure.begin(LOAD_TESTING, host.name());
    LoadTestReport report = d.stubs().loadTest(ProbeActivities.class, load.durationSeconds())
        .loadTest(baseUrl(host) + load.path(), load.users(), load.durationSeconds());
    procedure.evidence(EvidenceOf.loadTest(report, host.name()));
    String why = "no host metrics during the load test (no monitoring source configured)";
    Procedure.Verification v = procedure.verify(LoadTestGate.GATE)
        .item(LOAD_TESTING.item("Load test completes"), LoadTestGate.completed(report))
        .item(LOAD_TESTING.item("Success rate"), LoadTestGate.success(report, env.thresholds()))
        .item(LOAD_TESTING.item("Average response time"), LoadTestGate.average(report, env.thresholds()))
        .item(LOAD_TESTING.item("95th percentile"), LoadTestGate.p95(report, env.thresholds()))
        .notChecked(LOAD_TESTING.item("CPU usage"), why)
        .notChecked(LOAD_TESTING.item("Memory usage"), why);
    String timeouts = LOAD_TESTING.item("No connection timeouts");
    if (report.timeouts() == null) {
      v.notChecked(timeouts, "this worker's load test did not count timeouts apart from other errors");
    } else {
      v.item(timeouts, LoadTestGate.noTimeouts(report));
    }
    v.check();
    procedure.pass("");
  }

  /** Detached: staging is stopped even when the run was cancelled during its tests. Never throws. */
  private void stopStaging(Host host) {
    if (staging.stop().isEmpty()) {
      procedure.skip(STOP_STAGING, host.name(), "no staging.stop command configured: staging keeps running");
      return;
    }
    Workflow.newDetachedCancellationScope(() -> {
      try {
        CommandEvidence stopped = d.stubs().command(ServiceActivities.class, STAGING_COMMAND_SECONDS)
            .runServiceCommand(d.on(host), staging.stop(), STAGING_COMMAND_SECONDS);
        GateResult verdict = CommandGate.succeeded(stopped, "staging stop command");
        procedure.note(STOP_STAGING, host.name(), verdict.passed() ? StepStatus.PASSED : StepStatus.FAILED,
            verdict.reason(), List.of(EvidenceOf.command(stopped)));
      } catch (ActivityFailure e) {
        procedure.note(STOP_STAGING, host.name(), StepStatus.FAILED, "staging could not be stopped (" + Failures.describe(e)
            + "); stop it by hand with: " + staging.stop(), List.of());
      }
    }).run();
  }

  /** The staging host; a {@code staging.host} that names no host fails 4.1. */
  private Host stagingHost() {
    Optional<Host> host = d.stagingHost();
    if (host.isEmpty()) {
      procedure.begin(STAGING_TESTS, "");
      procedure.check(GateResult.fail("staging", "staging.host '" + staging.host() + "' is not a host of environments/"
          + env.name() + ".yaml (hosts: " + String.join(", ", d.hosts().stream().map(Host::name).toList()) + ")"));
    }
    return host.orElseThrow();
  }

  private String baseUrl(Host host) {
    return "http://" + host.serviceAddress() + ":" + staging.apiPort();
  }

  private String telemetryUrl(Host host) {
    return "ws://" + host.serviceAddress() + ":" + staging.telemetryPort();
  }
}
