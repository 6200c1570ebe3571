package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.bench.EnvironmentPerHost;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.ServiceStatus;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several worker processes on one task queue against the real dev server (issue 14, "Scale out
 * across workers"): ten environments of one sandbox host each, deployed at once by two worker
 * JVMs. The runs' histories show both processes executing activities (the {@code identity} of
 * each ActivityTaskStarted is the worker's {@code pid@host}); one worker is SIGKILLed while every
 * run is still going, and every run still ends SUCCEEDED with its host serving the new release,
 * read on the host (production link, the service, what /status answers).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ScaleOutOnRealServerTest {

  private static final int ENVIRONMENTS = 10;
  private static final int SUBNET = 88;
  private static final String VERSION = "v2.6.0";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** What one deployment to one host without staging takes (340 for ten here, bench (g) too). */
  private static final int ACTIVITIES_PER_DEPLOYMENT = 34;

  @TempDir Path dir;

  @Test
  void tenDeploymentsSpreadOverTwoWorkersAndSurviveOneBeingKilled() throws Exception {
    long begun = System.nanoTime();
    CompletableFuture<Sandbox> hosts = CompletableFuture.supplyAsync(() -> {
      try {
        return E2eSandbox.start(dir, "scale", ENVIRONMENTS, false, SUBNET);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    Path environments = dir.resolve("environments");
    DevServer started;
    try {
      started = DevServer.start(dir.resolve("temporal"));
    } catch (Exception | Error e) {
      hosts.thenAccept(Sandbox::close);
      throw e;
    }
    try (DevServer server = started;
        Sandbox sandbox = hosts.join();
        WorkerProcess victim = WorkerProcess.start(server.address(), environments, dir.resolve("w1/worker.log"), Map.of());
        WorkerProcess survivor = WorkerProcess.start(server.address(), environments, dir.resolve("w2/worker.log"),
            Map.of());
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.fromEnvironment().withAddress(server.address()))) {
      // Ten environments of one host each (staging off: EnvironmentPerHost says why), so ten
      // deployments run at once.
      List<String> names = EnvironmentPerHost.split(sandbox.environmentFile(), "scale");
      sandbox.stageRelease(VERSION);
      victim.awaitReady(Duration.ofSeconds(60));
      survivor.awaitReady(Duration.ofSeconds(60));
      RunbookClient runbooks = new RunbookClient(connection);

      long firstStart = System.nanoTime();
      Map<String, String> runs = new LinkedHashMap<>();
      for (String name : names) {
        runs.put(name, runbooks.startDeployment(DeploymentRequest.of(name, VERSION)));
      }
      // The kill comes in the middle, by events: once both workers have executed activities and the
      // runs have completed a third of theirs between them.
      Await.condition("both workers executing the deployments' activities", RUN_TIMEOUT, () -> {
        Activities now = activities(connection, runs.values());
        return now.completed() >= ENVIRONMENTS * ACTIVITIES_PER_DEPLOYMENT / 3 && now.startedBy(victim) > 0
            && now.startedBy(survivor) > 0;
      });
      long stillRunning = runs.values().stream().filter(runbooks::isRunning).count();
      long killedAt = System.nanoTime();
      victim.kill();

      Map<String, DeploymentResult> results = new LinkedHashMap<>();
      for (Map.Entry<String, String> run : runs.entrySet()) {
        results.put(run.getKey(), runbooks.deploymentResult(run.getValue(), RUN_TIMEOUT));
      }
      long endedAt = System.nanoTime();
      Activities after = activities(connection, runs.values());
      System.out.printf("[e2e] set-up %d s, kill %d s after the starts, every run ended %d s after the kill; %d of %d"
              + " runs running at the kill; activities started by the killed worker %d, by the survivor %d; runs with"
              + " activities of both: %d%n", (firstStart - begun) / 1_000_000_000, (killedAt - firstStart) / 1_000_000_000,
          (endedAt - killedAt) / 1_000_000_000, stillRunning, runs.size(), after.startedBy(victim),
          after.startedBy(survivor), after.runsOfBoth());

      assertThat(stillRunning).as("runs still running when the worker was killed").isEqualTo(ENVIRONMENTS);
      assertThat(after.identities()).as("workers that executed the runs' activities")
          .containsExactlyInAnyOrder(identityOf(victim, after), identityOf(survivor, after));
      assertThat(after.runsOfBoth()).as("runs whose activities were executed by both worker processes")
          .isPositive();
      results.forEach((name, result) ->
          assertThat(result.outcome()).as(name + ": " + result.report()).isEqualTo(Outcome.SUCCEEDED));
      for (SandboxHost host : sandbox.hosts()) {
        assertServing(sandbox, host);
      }
    }
  }

  /** Read on the host: the production link, the service, what /status says. */
  private static void assertServing(Sandbox sandbox, SandboxHost host) throws Exception {
    assertThat(sandbox.currentRelease(host)).as("production link on " + host.name()).isEqualTo("production-" + VERSION);
    assertThat(sandbox.serviceRunning(host)).as("service running on " + host.name()).isTrue();
    ServiceStatus status = sandbox.status(host);
    assertThat(status.overallReady()).as("/status overall_ready on " + host.name()).isTrue();
    assertThat(status.version()).as("/status version on " + host.name()).isEqualTo(VERSION);
  }

  /** The SDK's default worker identity is the JVM's {@code pid@hostname}. */
  private static String identityOf(WorkerProcess worker, Activities activities) {
    return activities.identities().stream().filter(id -> id.startsWith(worker.pid() + "@")).findFirst()
        .orElse(worker.pid() + "@(none)");
  }

  /** Who started each run's activities, and how many completed, from the runs' histories. */
  private record Activities(Map<String, Set<String>> identitiesPerRun, List<String> startedBy, int completed) {

    Set<String> identities() {
      Set<String> all = new TreeSet<>();
      identitiesPerRun.values().forEach(all::addAll);
      return all;
    }

    long startedBy(WorkerProcess worker) {
      return startedBy.stream().filter(id -> id.startsWith(worker.pid() + "@")).count();
    }

    long runsOfBoth() {
      return identitiesPerRun.values().stream().filter(ids -> ids.size() > 1).count();
    }
  }

  private static Activities activities(TemporalConnection connection, Iterable<String> ids) {
    Map<String, Set<String>> perRun = new LinkedHashMap<>();
    List<String> startedBy = new ArrayList<>();
    int completed = 0;
    for (String id : ids) {
      Set<String> identities = new TreeSet<>();
      for (HistoryEvent e : connection.client().fetchHistory(id).getEvents()) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          String identity = e.getActivityTaskStartedEventAttributes().getIdentity();
          identities.add(identity);
          startedBy.add(identity);
        } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          completed++;
        }
      }
      perRun.put(id, identities);
    }
    return new Activities(perRun, startedBy, completed);
  }
}
