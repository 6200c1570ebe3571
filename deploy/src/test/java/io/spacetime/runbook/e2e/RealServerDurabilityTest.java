package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.spacetime.runbook.cli.RunbookCli;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.Progress;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.lock.EnvironmentLockWorkflow;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.spacetime.runbook.rollback.RollbackResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.ServiceStatus;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Durability, proven against the real server: the Temporal dev server (started by the project's
 * own {@code dev-server.sh}, SQLite), the runbook worker in its own JVM, and a sandbox of real
 * SSH hosts running the stand-in service. A worker SIGKILLed in the middle of a step, a server
 * restarted under a running deployment and a second deployment racing the first must all end
 * with the hosts in the right state, checked on the hosts themselves (production link, what
 * /status answers) and in the run's history (no step of the runbook executed twice).
 *
 * <p>It also proves, on the same server, that an input typed into the Web UI that does not fit
 * fails its run at once with a message instead of leaving it RUNNING.
 *
 * <p>One dev server, one sandbox and one worker are shared by the class (the restart test starts
 * its own server and worker: it restarts that server). Tests run in order and each reads the
 * hosts' state before it deploys, so each stands on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RealServerDurabilityTest {

  private static final String ENV = "e2e";
  private static final String WINDOW_ENV = "e2e-window";
  private static final String SLOW_ENV = "e2e-slow";
  private static final int SUBNET = 80;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** A bound, not a measurement: a run with a malformed input closes with its first workflow task. */
  private static final Duration BAD_INPUT_CLOSES_WITHIN = Duration.ofSeconds(30);
  /** "Step 3: Rollback: point production back at production-v2.5.0 [host-1]" */
  private static final String UNDO_PREFIX = "Rollback: ";
  private static final String WATCH_WINDOW = "Post-Deployment Validation: Watch Window";
  private static final Pattern LINK_SWITCH = Pattern.compile("ln -sfn '?([^' ]+)'? '?[^' ]*\\.tmp-[0-9a-f]+'? && mv -T");

  private Path dir;
  private DevServer server;
  private Sandbox sandbox;
  private WorkerProcess worker;
  private TemporalConnection connection;
  private RunbookClient runbooks;
  /** Runs this class started on its server: a failed test must not leave one holding the environment. */
  private final List<String> started = new ArrayList<>();
  private boolean failed;

  @RegisterExtension
  final TestWatcher keepFilesOfFailures = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      failed = true;
    }
  };

  @BeforeAll
  void startServerSandboxAndWorker() throws Exception {
    dir = Files.createTempDirectory("runbook-e2e-");
    // The three start at once: each takes seconds, mostly JVM and server start-up.
    CompletableFuture<Sandbox> hosts = CompletableFuture.supplyAsync(() -> {
      try {
        return E2eSandbox.start(dir, ENV, 2, false, SUBNET);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    try {
      server = DevServer.start(dir.resolve("temporal"));
      worker = WorkerProcess.start(server.address(), dir.resolve("environments"), dir.resolve("worker.log"), Map.of());
    } catch (Exception | Error e) {
      hosts.thenAccept(Sandbox::close);
      throw e;
    }
    sandbox = hosts.join();
    worker.awaitReady(Duration.ofSeconds(60));
    connection = TemporalConnection.open(TemporalSettings.fromEnvironment().withAddress(server.address()));
    runbooks = new RunbookClient(connection);
  }

  /**
   * A deployment a failed test left running is terminated, and with it the environment locks, so
   * the next test starts clean. A passing test leaves nothing running.
   */
  @AfterEach
  void terminateLeftovers() {
    List<String> leftovers = started.stream().filter(this::terminateIfRunning).toList();
    started.clear();
    if (!leftovers.isEmpty()) {
      report("terminated %s, left running by a failed test", leftovers);
      terminateIfRunning(EnvironmentLockWorkflow.workflowIdFor(ENV));
      terminateIfRunning(EnvironmentLockWorkflow.workflowIdFor(WINDOW_ENV));
      terminateIfRunning(EnvironmentLockWorkflow.workflowIdFor(SLOW_ENV));
    }
  }

  private boolean terminateIfRunning(String id) {
    try {
      if (!runbooks.isRunning(id)) {
        return false;
      }
      connection.client().newUntypedWorkflowStub(id, Optional.empty(), Optional.empty())
          .terminate("left running by a failed end-to-end test");
      return true;
    } catch (RuntimeException notFound) {
      return false;
    }
  }

  @AfterAll
  void stopEverything() throws Exception {
    try (DevServer s = server; Sandbox sb = sandbox; WorkerProcess w = worker) {
      if (connection != null) {
        connection.close();
      }
    }
    if (failed) {
      report("files of the failed run kept in %s (worker.log, sandbox/hosts/*/commands.log, temporal/)", dir);
    } else {
      WorkerProcess.deleteQuietly(dir);
    }
  }

  @Test
  @Order(1)
  void deploysGoodAndBadReleasesThroughTheCliAgainstTheRealServer() throws Exception {
    StringWriter out = new StringWriter();
    int good = cli(out, "deploy", "--env", ENV, "--version", "v2.5.0", "--wait", "--timeout", "PT3M",
        "--address", server.address());

    assertThat(good).as(out.toString()).isZero();
    assertThat(out.toString()).contains("SUCCEEDED");
    assertServing("v2.5.0");

    sandbox.stageRelease("v2.6.0", Fault.SCENE_500, FaultScope.PRODUCTION);
    StringWriter badOut = new StringWriter();
    int bad = cli(badOut, "deploy", "--env", ENV, "--version", "v2.6.0", "--wait", "--timeout", "PT3M",
        "--address", server.address());

    assertThat(bad).as(badOut.toString()).isEqualTo(2);
    assertThat(badOut.toString()).contains("ROLLED_BACK").contains("Step 7");
    assertServing("v2.5.0");
  }

  /**
   * The worker is SIGKILLed while the run is at {@code target} (its current step, or for a
   * rollback the undo that has just finished), a new worker JVM takes over, and the run ends as
   * it would have. Whatever activity was in flight is retried once its timeout notices the dead
   * worker; completed steps are replayed from history, never executed again.
   */
  @ParameterizedTest(name = "kill at \"{2}\" ({0} release {1})")
  @Order(2)
  @CsvSource(delimiter = '|', value = {
      "NONE      | v2.7.1 | Step 3: Deploy New Version       | SUCCEEDED",
      "NONE      | v2.7.2 | Step 5: Start New Service        | SUCCEEDED",
      "NONE      | v2.7.3 | Step 7: Functional Testing       | SUCCEEDED",
      "SCENE_500 | v2.7.4 | Rollback: point production back  | ROLLED_BACK"})
  void workerKilledMidDeploymentIsReplacedAndTheRunFinishes(Fault fault, String version, String target, Outcome expected)
      throws Exception {
    String before = sandbox.status(sandbox.hosts().get(0)).version();
    sandbox.stageRelease(version, fault, FaultScope.PRODUCTION);
    sandbox.clearCommandLogs();

    String id = start(DeploymentRequest.of(ENV, version));
    Progress atKill = awaitStep(id, target);
    List<String> inFlight = startedActivities(id);
    long killedAt = System.nanoTime();
    worker.kill();
    worker = WorkerProcess.start(server.address(), environmentsDir(), dir.resolve("worker.log"), Map.of());
    worker.awaitReady(Duration.ofSeconds(60));
    long workerUp = System.nanoTime();
    int stepsAtKill = atKill.steps().size();
    Await.condition(id + " records a step after the kill", RUN_TIMEOUT,
        () -> !runbooks.isRunning(id) || runbooks.progress(id).steps().size() > stepsAtKill);
    long progressed = System.nanoTime();
    DeploymentResult result = runbooks.deploymentResult(id, RUN_TIMEOUT);
    long finished = System.nanoTime();

    report("kill at '%s' (current step '%s', activities in flight %s): new worker ready %d ms after the kill,"
            + " next step recorded after %d ms, run ended after %d ms; retried activities: %s",
        target, atKill.currentStep(), inFlight, ms(workerUp - killedAt), ms(progressed - killedAt),
        ms(finished - killedAt), retriedActivities(id));

    assertThat(result.outcome()).as(result.report()).isEqualTo(expected);
    String serving = expected == Outcome.SUCCEEDED ? version : before;
    assertServing(serving);
    assertEachStepRecordedOnce(result);
    List<SandboxHost> changed = expected == Outcome.SUCCEEDED ? sandbox.hosts() : List.of(sandbox.hosts().get(0));
    assertRunbookStepsPerHost(result, changed, expected);
    assertActivitiesScheduledOncePerHost(id, changed.size());
    for (SandboxHost host : sandbox.hosts()) {
      List<String> switches = linkSwitches(host);
      List<String> expectedSwitches = !changed.contains(host) ? List.of()
          : expected == Outcome.SUCCEEDED ? List.of("production-" + version)
          : List.of("production-" + version, "production-" + before);
      assertThat(collapseRepeats(switches)).as("targets of the production link switches on " + host.name()
          + " (a retried switch may repeat its own target, never go elsewhere)").isEqualTo(expectedSwitches);
      assertNoCopyAfterTheSwitch(host, version);
    }
  }

  /**
   * While one deployment holds the environment (it is in its 4.2 load test, made to last long
   * enough), a second one is refused before it touches any host and says who holds the
   * environment; the first goes on.
   */
  @Test
  @Order(3)
  void secondDeploymentToTheSameEnvironmentIsRefused() throws Exception {
    String slowEnv = SLOW_ENV;
    // 8 s: the second run is refused within about a second of its start (three quick activities on
    // the tuned dev server), and the first must still be in its load test when the hosts' command
    // logs are read after that; 15 s only made the first run longer.
    E2eSandbox.withLongLoadTest(sandbox, slowEnv, 8);
    sandbox.stageRelease("v2.8.0");
    String first = start(DeploymentRequest.of(slowEnv, "v2.8.0"));
    awaitStep(first, "4.2 Load Testing");
    sandbox.clearCommandLogs();

    String second = start(DeploymentRequest.of(slowEnv, "v2.8.1"));
    DeploymentResult refused = runbooks.deploymentResult(second, RUN_TIMEOUT);

    assertThat(refused.outcome()).as(refused.report()).isEqualTo(Outcome.ABORTED);
    assertThat(refused.failedStep()).isEqualTo("Deployment Lock");
    assertThat(refused.message()).contains(first);
    for (SandboxHost host : sandbox.hosts()) {
      assertThat(sandbox.commandLog(host).stream().filter(c -> !c.contains("staging")).toList())
          .as("commands on " + host.name() + " other than the first run's staging load test").isEmpty();
    }
    DeploymentResult deployed = runbooks.deploymentResult(first, RUN_TIMEOUT);

    assertThat(deployed.outcome()).as(deployed.report()).isEqualTo(Outcome.SUCCEEDED);
    assertServing("v2.8.0");
  }

  /**
   * An emergency deployment waiting hours for its approval holds nothing: an Emergency Rollback
   * of the environment proceeds meanwhile.
   */
  @Test
  @Order(3)
  void anEmergencyRollbackProceedsWhileAnEmergencyDeploymentWaitsForApproval() throws Exception {
    E2eSandbox.neverInsideTheWindow(sandbox, WINDOW_ENV);
    String before = sandbox.status(sandbox.hosts().get(0)).version();
    String waiting = start(new DeploymentRequest(WINDOW_ENV, "v2.8.2", false, true, "e2e: wait for approval", "e2e"));
    Await.condition(waiting + " waits for its approval", RUN_TIMEOUT,
        () -> !runbooks.progress(waiting).waitingFor().isEmpty());

    String rollback = runbooks.startRollback(new RollbackRequest(WINDOW_ENV, "e2e: error rate up", "", "e2e"));
    started.add(rollback);
    RollbackResult result = runbooks.rollbackResult(rollback, RUN_TIMEOUT);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(sandbox.status(sandbox.hosts().get(0)).version()).isNotEqualTo(before);
    assertThat(runbooks.isRunning(waiting)).as("the waiting deployment still waits").isTrue();
  }

  /**
   * A run reset (Temporal's reset, from the Web UI or the CLI) to after its 3.1 backups gets a new
   * run id; its rollback must still find the backups it made before the reset.
   */
  @Test
  @Order(5)
  void aRunResetToAfterItsBackupsStillFindsThemWhenItRollsBack() throws Exception {
    String before = sandbox.status(sandbox.hosts().get(0)).version();
    sandbox.stageRelease("v2.9.5", Fault.SCENE_500, FaultScope.PRODUCTION);
    String id = start(DeploymentRequest.of(ENV, "v2.9.5"));
    DeploymentResult first = runbooks.deploymentResult(id, RUN_TIMEOUT);
    assertThat(first.outcome()).as(first.report()).isEqualTo(Outcome.ROLLED_BACK);

    String firstRun = runbooks.describe(id).getExecution().getRunId();
    long afterBackups = workflowTaskAfterLast(id, "BackupCurrentRelease");
    String resetRun = connection.stubs().blockingStub().resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
        .setNamespace(connection.settings().namespace())
        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(firstRun))
        .setReason("e2e: re-run from the pre-deployment tests")
        .setWorkflowTaskFinishEventId(afterBackups)
        .setRequestId(java.util.UUID.randomUUID().toString())
        .build()).getRunId();
    DeploymentResult again = Await.until(id + " (reset run) to end", RUN_TIMEOUT, () -> {
      String latest = runbooks.describe(id).getExecution().getRunId();
      return latest.equals(resetRun) && !runbooks.isRunning(id)
          ? Optional.of(runbooks.deploymentResult(id, Duration.ofSeconds(10))) : Optional.empty();
    });

    assertThat(resetRun).isNotEqualTo(firstRun);
    assertThat(again.outcome()).as(again.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertServing(before);
  }

  /**
   * Issue 12 section 4: a rollback that failed (the previous release was broken on disk, so its
   * restart failed its health check) goes on after the fix with {@code ./runbook resume}, from the
   * failed undo: the environment is locked for it, the steps that passed are not run again, and
   * the run ends ROLLED_BACK with every host serving the previous release.
   */
  @Test
  @Order(6)
  void aRollbackThatFailedIsResumedAfterTheFixFromItsFailedUndo() throws Exception {
    String before = sandbox.status(sandbox.hosts().get(0)).version();
    sandbox.addRelease(before, Fault.WONT_START, FaultScope.PRODUCTION); // on disk only: the running service is unchanged
    sandbox.stageRelease("v2.9.7", Fault.SCENE_500, FaultScope.PRODUCTION);
    String id = start(DeploymentRequest.of(ENV, "v2.9.7"));
    DeploymentResult failed = runbooks.deploymentResult(id, RUN_TIMEOUT);
    assertThat(failed.outcome()).as(failed.report()).isEqualTo(Outcome.ROLLBACK_FAILED);
    String firstRun = runbooks.describe(id).getExecution().getRunId();

    sandbox.addRelease(before, Fault.NONE, FaultScope.PRODUCTION); // the fix
    StringWriter planned = new StringWriter();
    int dryRun = cli(planned, "resume", id, "--dry-run", "--address", server.address());
    StringWriter out = new StringWriter();
    int resumed = cli(out, "resume", id, "--by", "e2e", "--reason", "production-" + before + " repaired", "--wait",
        "--timeout", "PT3M", "--address", server.address());

    assertThat(dryRun).as(planned.toString()).isZero();
    assertThat(planned.toString()).contains("ended ROLLBACK_FAILED; it goes on from the failed undo Rollback: start",
        "Reset point: workflow task completed event");
    assertThat(resumed).as(out.toString()).isEqualTo(Outcome.ROLLED_BACK.exitCode());
    assertThat(out.toString()).contains("Resumed " + id + " as run", "ROLLED_BACK");
    DeploymentResult result = runbooks.deploymentResult(id, Duration.ofSeconds(10));
    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertEachStepRecordedOnce(result);
    assertServing(before);
    assertThat(activitiesScheduledAfterTheReset(id)).as("activities of the resumed run")
        .isNotEmpty().doesNotContain("BackupCurrentRelease", "CopyRelease", "SwitchRelease", "InstallConfig");
    assertThat(runbooks.describe(id).getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(runbooks.isRunning(EnvironmentLockWorkflow.workflowIdFor(ENV))).as("lock released at the end").isFalse();

    StringWriter again = new StringWriter();
    assertThat(cli(again, "resume", id, "--by", "e2e", "--reason", "twice", "--address", server.address())).isEqualTo(1);
    assertThat(again.toString()).contains("rolled back cleanly");
    StringWriter full = new StringWriter();
    assertThat(cli(full, "status", id, "--report", "--address", server.address())).isZero();
    assertThat(full.toString()).as("status --report of a finished run: the full report, not the summary again")
        .contains("ROLLED_BACK", "| 3.1 Current State Backup | host-1 | PASSED").doesNotContain("Every step with its evidence");
  }

  /**
   * Issue 12 section 3: the worker is SIGKILLed while the watch window samples a release that
   * degrades later; a new worker takes over the window (its timers and samples are in the history),
   * and the degradation still rolls every host back to the previous release.
   */
  @Test
  @Order(7)
  void workerKilledDuringTheWatchWindowIsReplacedAndTheWindowStillRollsBack() throws Exception {
    String before = sandbox.status(sandbox.hosts().get(0)).version();
    sandbox.stageRelease("v2.9.8", Fault.DEGRADES, FaultScope.PRODUCTION);
    String id = start(DeploymentRequest.of(ENV, "v2.9.8").withWatch("90s"));

    awaitStep(id, WATCH_WINDOW);
    worker.kill();
    worker = WorkerProcess.start(server.address(), environmentsDir(), dir.resolve("worker.log"), Map.of());
    worker.awaitReady(Duration.ofSeconds(60));
    DeploymentResult result = runbooks.deploymentResult(id, RUN_TIMEOUT);

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).isEqualTo(WATCH_WINDOW);
    assertThat(result.failedGate()).startsWith("the watch window triggered the rollback: sample ").contains("error rate");
    assertThat(result.steps()).as("Steps 1-10 passed before the window")
        .anyMatch(s -> s.label().equals("Step 10: Final Validation") && s.status() == StepStatus.PASSED);
    assertEachStepRecordedOnce(result);
    assertServing(before);
  }

  /** Activity types the run scheduled after its reset event (the work the resumed run did). */
  private List<String> activitiesScheduledAfterTheReset(String id) {
    List<String> types = new ArrayList<>();
    boolean afterReset = false;
    for (HistoryEvent e : history(id)) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
          && e.getWorkflowTaskFailedEventAttributes().getCause().name().contains("RESET")) {
        afterReset = true;
      } else if (afterReset && e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        types.add(e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      }
    }
    return types;
  }

  /** The id of the workflow task completed after the last completion of {@code activityType}: a reset point. */
  private long workflowTaskAfterLast(String id, String activityType) {
    List<HistoryEvent> events = history(id);
    Map<Long, String> types = new LinkedHashMap<>();
    int last = -1;
    for (int i = 0; i < events.size(); i++) {
      HistoryEvent e = events.get(i);
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        types.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && activityType.equals(types.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        last = i;
      }
    }
    for (int i = last + 1; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        return events.get(i).getEventId();
      }
    }
    throw new AssertionError("no workflow task completed after the last " + activityType + " of " + id);
  }

  /**
   * The server is stopped and started again (same SQLite file) while a deployment is in its
   * middle; the worker reconnects by itself and the run finishes. Its own server and worker: the
   * class's server is not restarted under the other tests.
   */
  @Test
  @Order(4)
  void devServerRestartMidRunAndTheRunFinishes() throws Exception {
    sandbox.stageRelease("v2.9.0");
    try (DevServer restarted = DevServer.start(dir.resolve("temporal-restart"));
        WorkerProcess itsWorker = WorkerProcess.startReady(restarted.address(), environmentsDir(),
            dir.resolve("worker-restart.log"));
        TemporalConnection itsConnection = TemporalConnection.open(
            TemporalSettings.fromEnvironment().withAddress(restarted.address()))) {
      RunbookClient client = new RunbookClient(itsConnection);
      String id = client.startDeployment(DeploymentRequest.of(ENV, "v2.9.0"));
      Progress atRestart = awaitStep(client, id, "Step 5: Start New Service");

      long stopping = System.nanoTime();
      restarted.restart();
      long up = System.nanoTime();
      DeploymentResult result = Await.until(id + " to end after the restart", RUN_TIMEOUT, () -> {
        try {
          return Optional.of(client.deploymentResult(id, Duration.ofSeconds(10)));
        } catch (TimeoutException notYet) {
          return Optional.empty();
        }
      });
      report("dev server restarted at '%s': down and up again in %d ms, run ended %d ms after it was up",
          atRestart.currentStep(), ms(up - stopping), ms(System.nanoTime() - up));

      assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(itsWorker.isAlive()).as("the same worker process finished the run").isTrue();
      assertServing("v2.9.0");
      assertEachStepRecordedOnce(result);
      assertRunbookStepsPerHost(result, sandbox.hosts(), Outcome.SUCCEEDED);
      assertThat(client.describe(id).getWorkflowExecutionInfo().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }
  }

  /**
   * What a typo in the Web UI's Start Workflow form does on the real server: each input, given to
   * the real {@code temporal workflow start --input}, closes its run as FAILED at once (bounded
   * wait: without the input guard the run stays RUNNING, retrying its first task) with a message
   * naming the field and what is accepted; no activity is scheduled and no host sees a command.
   * Here because it shares this class's server, worker and hosts.
   */
  @ParameterizedTest(name = "temporal workflow start --input {0}")
  @Order(5)
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"environment\":\"e2e\",\"version\":\"v2.5.0\",\"dryrun\":true}"
          + "| unknown field 'dryrun'; did you mean 'dryRun'? accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause",
      "{\"versoin\":\"v2.5.0\",\"environment\":\"e2e\"}"
          + "| unknown field 'versoin'; did you mean 'version'? accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause",
      "{\"environment\":\"e2e\",\"version\":\"v2.5.0\",\"emergency\":\"yes\"}"
          + "| field 'emergency': \"yes\" is not a boolean (true or false)",
      "[]      | the input must be one JSON object like {\"environment\":\"production\",\"version\":\"v2.5.0\"}, got an array",
      "\"e2e\" | the input must be one JSON object like {\"environment\":\"production\",\"version\":\"v2.5.0\"}, got a string (\"e2e\")",
  })
  void inputThatDoesNotFitFailsTheRunAtOnceWithoutTouchingAHost(String input, String problem) throws Exception {
    sandbox.clearCommandLogs();
    String id = "bad-input-" + UUID.randomUUID();
    started.add(id);

    server.cli("workflow", "start", "--task-queue", TemporalSettings.DEFAULT_TASK_QUEUE, "--type", "DeploymentWorkflow",
        "--workflow-id", id, "--input", input);
    WorkflowStub run = connection.client().newUntypedWorkflowStub(id, Optional.empty(), Optional.empty());
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> run.getResult(BAD_INPUT_CLOSES_WITHIN.toSeconds(), TimeUnit.SECONDS, Object.class));

    assertThat(failed).as("the run closes as failed").isNotNull();
    assertThat(failed.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo("InvalidInput");
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).isEqualTo("deployment request is invalid: " + problem);
    });
    assertThat(runbooks.describe(id).getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    assertThat(history(id)).extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    for (SandboxHost host : sandbox.hosts()) {
      assertThat(sandbox.commandLog(host)).as("commands on " + host.name()).isEmpty();
    }
  }

  // ---- waiting ----

  /**
   * SIGTERM (systemctl stop, a pod's deletion) while an activity runs: the 4.2 load test, made to last
   * 6 s. The worker stops polling, lets that activity finish, and exits by itself inside its grace;
   * the activity is not retried, and the next worker finishes the run.
   */
  @Test
  @Order(7)
  void sigtermLetsTheRunningActivityFinishBeforeTheWorkerExits() throws Exception {
    E2eSandbox.withLongLoadTest(sandbox, SLOW_ENV, 6);
    sandbox.stageRelease("v3.0.0");
    worker.close();
    worker = WorkerProcess.start(server.address(), environmentsDir(), dir.resolve("worker.log"), Map.of(),
        List.of("--shutdown-grace", "60"));
    worker.awaitReady(Duration.ofSeconds(60));
    String id = start(DeploymentRequest.of(SLOW_ENV, "v3.0.0"));
    awaitStep(id, "4.2 Load Testing");
    List<String> inFlight = startedActivities(id);

    int exit = worker.terminate(Duration.ofSeconds(60));

    assertThat(exit).as("the JVM's exit code after a SIGTERM it handled").isEqualTo(143);
    assertThat(worker.ownLog()).contains("shutting down: letting running activities finish (up to 60 s)")
        .contains("worker stopped").doesNotContain("activities still running after");
    worker = WorkerProcess.start(server.address(), environmentsDir(), dir.resolve("worker.log"), Map.of());
    worker.awaitReady(Duration.ofSeconds(60));
    DeploymentResult result = runbooks.deploymentResult(id, RUN_TIMEOUT);
    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(retriedActivities(id)).as("activities retried after the SIGTERM (in flight then: " + inFlight + ")")
        .isEmpty();
    assertServing("v3.0.0");
  }

  private Progress awaitStep(String id, String target) throws InterruptedException {
    return awaitStep(runbooks, id, target);
  }

  /** Until the run's current step starts with {@code target}, or a recorded step does (it went by between two polls). */
  private static Progress awaitStep(RunbookClient client, String id, String target) throws InterruptedException {
    return Await.until(id + " to reach " + target, RUN_TIMEOUT, () -> {
      Progress p = client.progress(id);
      if (p.outcome() != null) {
        fail(id + " ended " + p.outcome() + " before it reached " + target + "; steps: " + labels(p.steps()));
      }
      boolean there = p.currentStep().startsWith(target)
          || p.steps().stream().anyMatch(s -> s.label().startsWith(target) || s.title().startsWith(target));
      return there ? Optional.of(p) : Optional.empty();
    });
  }

  // ---- assertions on the hosts ----

  /** Checked on the hosts themselves: the production link, the service, what /status says. */
  private void assertServing(String version) throws Exception {
    for (SandboxHost host : sandbox.hosts()) {
      assertThat(sandbox.currentRelease(host)).as("production link on " + host.name()).isEqualTo("production-" + version);
      assertThat(sandbox.serviceRunning(host)).as("service running on " + host.name()).isTrue();
      ServiceStatus status = sandbox.status(host);
      assertThat(status.overallReady()).as("/status overall_ready on " + host.name()).isTrue();
      assertThat(status.version()).as("/status version on " + host.name()).isEqualTo(version);
    }
  }

  /** Targets of the production link switches on {@code host}, in order (restores included). */
  private List<String> linkSwitches(SandboxHost host) throws Exception {
    List<String> targets = new ArrayList<>();
    for (String command : sandbox.commandLog(host)) {
      Matcher m = LINK_SWITCH.matcher(command);
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** A completed Step 3 is never executed again: no copy of staging into the release after the link was switched to it. */
  private void assertNoCopyAfterTheSwitch(SandboxHost host, String version) throws Exception {
    List<String> commands = sandbox.commandLog(host);
    int firstSwitch = -1;
    int lastCopy = -1;
    for (int i = 0; i < commands.size(); i++) {
      String c = commands.get(i);
      Matcher m = LINK_SWITCH.matcher(c);
      if (firstSwitch < 0 && m.find() && m.group(1).equals("production-" + version)) {
        firstSwitch = i;
      }
      if (c.contains("-type f | wc -l") && c.contains("production-" + version)) {
        lastCopy = i;
      }
    }
    if (firstSwitch >= 0) {
      assertThat(lastCopy).as("last copy into production-" + version + " on " + host.name()
          + " comes before the first switch to it").isBetween(0, firstSwitch - 1);
    }
  }

  // ---- assertions on the run ----

  /** Every record of the run (step, undo, note) appears once: a replay after the kill added nothing twice. */
  private static void assertEachStepRecordedOnce(DeploymentResult result) {
    Map<String, Long> counts = result.steps().stream()
        .collect(Collectors.groupingBy(s -> s.id() + "|" + s.title() + "|" + s.host(), LinkedHashMap::new,
            Collectors.counting()));
    assertThat(counts).as(result.report()).allSatisfy((step, count) -> assertThat(count).as(step).isEqualTo(1L));
  }

  /**
   * Steps 2-9 once on each host that was deployed; for a rollback, up to the failed step and one
   * undo per rollback point, all succeeded.
   */
  private static void assertRunbookStepsPerHost(DeploymentResult result, List<SandboxHost> hosts, Outcome outcome) {
    List<String> perHost = outcome == Outcome.SUCCEEDED
        ? List.of("Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7", "Step 8", "Step 9")
        : List.of("Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7");
    List<String> expected = new ArrayList<>();
    expected.add("Step 1 []");
    for (SandboxHost host : hosts) {
      perHost.forEach(step -> expected.add(step + " [" + host.name() + "]"));
    }
    if (outcome == Outcome.SUCCEEDED) {
      expected.add("Step 10 []");
    }
    List<String> actual = result.steps().stream()
        .filter(s -> s.id().startsWith("Step ") && !s.title().startsWith(UNDO_PREFIX))
        .map(s -> s.id() + " [" + s.host() + "]")
        .toList();
    assertThat(actual).as(result.report()).containsExactlyElementsOf(expected);
    if (outcome == Outcome.ROLLED_BACK) {
      List<StepResult> undos = result.steps().stream().filter(s -> s.title().startsWith(UNDO_PREFIX)).toList();
      assertThat(undos).extracting(StepResult::id).as(result.report())
          .containsExactly("Step 5", "Step 4", "Step 3", "Step 2");
      assertThat(undos).extracting(StepResult::status).containsOnly(StepStatus.COMPENSATED);
    }
  }

  /**
   * The history has one scheduled activity per host for each of Step 3's changes: a kill made
   * the in-flight one retry (same activity, next attempt), never schedule it again.
   */
  private void assertActivitiesScheduledOncePerHost(String id, int hosts) {
    Map<String, Long> scheduled = activityCounts(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertThat(scheduled.getOrDefault("copyrelease", 0L)).as("copyRelease scheduled " + scheduled).isEqualTo(hosts);
    assertThat(scheduled.getOrDefault("switchrelease", 0L)).as("switchRelease scheduled " + scheduled).isEqualTo(hosts);
    assertThat(scheduled.getOrDefault("installconfig", 0L)).as("installConfig scheduled " + scheduled).isEqualTo(hosts);
  }

  private Map<String, Long> activityCounts(String id, EventType type) {
    return history(id).stream()
        .filter(e -> e.getEventType() == type)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().toLowerCase(Locale.ROOT))
        .collect(Collectors.groupingBy(name -> name, LinkedHashMap::new, Collectors.counting()));
  }

  /** Activities whose last attempt was not the first: what the kill interrupted. */
  private List<String> retriedActivities(String id) {
    List<HistoryEvent> events = history(id);
    Map<Long, String> names = new LinkedHashMap<>();
    List<String> retried = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        names.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && e.getActivityTaskStartedEventAttributes().getAttempt() > 1) {
        var started = e.getActivityTaskStartedEventAttributes();
        retried.add(names.get(started.getScheduledEventId()) + " (attempt " + started.getAttempt() + ", last failure: "
            + started.getLastFailure().getMessage() + ")");
      }
    }
    return retried;
  }

  private List<HistoryEvent> history(String id) {
    return connection.client().fetchHistory(id).getEvents();
  }

  /** The activities a worker had started when we looked (the ones a kill interrupts). */
  private List<String> startedActivities(String id) {
    List<PendingActivityInfo> pending = runbooks.describe(id).getRawDescription().getPendingActivitiesList();
    return pending.stream()
        .map(a -> a.getActivityType().getName() + (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            ? " (started)" : " (" + a.getState().name().replace("PENDING_ACTIVITY_STATE_", "").toLowerCase() + ")"))
        .toList();
  }

  // ---- helpers ----

  private String start(DeploymentRequest request) {
    String id = runbooks.startDeployment(request);
    started.add(id);
    return id;
  }

  private int cli(StringWriter out, String... args) {
    CommandLine cli = RunbookCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    return cli.execute(args);
  }

  private Path environmentsDir() {
    return sandbox.environmentFile().getParent();
  }

  private static List<String> collapseRepeats(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<String> labels(List<StepResult> steps) {
    return steps.stream().map(s -> s.label() + " " + s.status()).toList();
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static void report(String format, Object... args) {
    System.out.println("[e2e] " + String.format(format, args));
  }
}
