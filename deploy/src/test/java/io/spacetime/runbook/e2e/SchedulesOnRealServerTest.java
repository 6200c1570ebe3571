package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.cli.RunbookCli;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.schedules.RunbookSchedules.Listed;
import io.spacetime.runbook.starter.schedules.RunbookSchedules;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 13 section 3 on the real dev server (the embedded test server has no Schedule API): a
 * schedules file applied twice changes nothing the second time, a changed entry is updated and an
 * operator's pause survives it, trigger, an interval and a backfill start runs of the document, and
 * --prune deletes what the file dropped. No worker runs: the started runs wait on the task queue,
 * which is all a schedule is answerable for.
 */
class SchedulesOnRealServerTest {

  private static final String QUEUE = "schedules-test";
  private static final Duration FIRES_WITHIN = Duration.ofSeconds(60);
  private static final String FILE = """
      schedules:
        - id: daily-health-check-e2e
          runbook: daily-health-check
          environment: e2e
          parameters: {errorWindowHours: "24"}
          cron: "0 7 * * *"
          timeZone: Europe/Berlin
        - id: backup-e2e
          runbook: backup
          environment: e2e
          every: 2s
      """;

  @TempDir Path dir;

  @Test
  void aSchedulesFileAppliedTwiceChangesNothingAndItsSchedulesStartTheirDocuments() throws Exception {
    try (DevServer server = DevServer.start(dir.resolve("temporal"));
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", server.address(), "RUNBOOK_TASK_QUEUE", QUEUE)))) {
      RunbookSchedules schedules = RunbookSchedules.on(connection);
      Path file = dir.resolve("schedules.yaml");
      Files.writeString(file, FILE);

      String first = cli(server, "schedules", "apply", file.toString());
      String second = cli(server, "schedules", "apply", file.toString());

      assertThat(first).contains("created      daily-health-check-e2e  cron 0 7 * * * (Europe/Berlin)",
          "created      backup-e2e  every 2s (UTC)");
      assertThat(second).contains("unchanged    daily-health-check-e2e", "unchanged    backup-e2e")
          .doesNotContain("created", "updated");

      cli(server, "schedules", "pause", "daily-health-check-e2e", "--reason", "e2e pause");
      Files.writeString(file, FILE.replace("every: 2s", "every: 3s"));
      String changed = cli(server, "schedules", "apply", file.toString());
      assertThat(changed).contains("unchanged    daily-health-check-e2e", "updated      backup-e2e  every 3s (UTC)");
      Listed daily = listed(schedules, "daily-health-check-e2e");
      assertThat(daily.paused()).as("an operator's pause survives a re-apply").isTrue();
      assertThat(daily.note()).contains("e2e pause");
      assertThat(daily.runbookAndEnvironment()).isEqualTo("daily-health-check on e2e");

      cli(server, "schedules", "trigger", "daily-health-check-e2e");
      Await.condition("the triggered run of daily-health-check-e2e", FIRES_WITHIN,
          () -> listed(schedules, "daily-health-check-e2e").runs() >= 1);
      Await.condition("backup-e2e fires by its interval", FIRES_WITHIN, () -> listed(schedules, "backup-e2e").runs() >= 1);
      cli(server, "schedules", "backfill", "daily-health-check-e2e", "--from", "2026-11-01T00:00:00Z",
          "--to", "2026-11-04T00:00:00Z");
      Await.condition("three backfilled mornings", FIRES_WITHIN,
          () -> listed(schedules, "daily-health-check-e2e").runs() >= 4);
      List<String> started = workflowTypesStartedBy(connection, "daily-health-check-e2e");
      assertThat(started).isNotEmpty().containsOnly("RunbookWorkflow");

      Files.writeString(file, FILE.substring(0, FILE.indexOf("  - id: backup-e2e")));
      assertThat(cli(server, "schedules", "apply", file.toString())).contains("not in file  backup-e2e");
      assertThat(cli(server, "schedules", "apply", file.toString(), "--prune")).contains("deleted      backup-e2e");
      assertThat(schedules.list()).extracting(Listed::id).containsExactly("daily-health-check-e2e");
      assertThat(cli(server, "schedules", "list")).contains("daily-health-check-e2e  PAUSED: paused by",
          "runs daily-health-check on e2e, cron 0 7 * * * (Europe/Berlin)");
    }
  }

  @Test
  void aBadFileChangesNothingAndNamesTheEntryAndField() throws Exception {
    try (DevServer server = DevServer.start(dir.resolve("temporal-bad"));
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", server.address(), "RUNBOOK_TASK_QUEUE", QUEUE)))) {
      Path file = dir.resolve("bad.yaml");
      Files.writeString(file, FILE.replace("every: 2s", "every: 2 seconds"));

      StringWriter out = new StringWriter();
      int exit = cli(out, server, "schedules", "apply", file.toString());

      assertThat(exit).isEqualTo(1);
      assertThat(out.toString()).contains("schedules[1] (backup-e2e): field 'every': \"2 seconds\" is not a duration");
      assertThat(RunbookSchedules.on(connection).list()).as("the good entry was not created either").isEmpty();
    }
  }

  /**
   * Issue 13 section 5: with a worker, a scheduled document runs for real, and its failing check
   * opens the incident it names (onFailure: incident) under the incident's own key.
   */
  @Test
  void aScheduledDocumentWhoseCheckFailsOpensItsIncident() throws Exception {
    Path environments = Files.createDirectories(dir.resolve("environments"));
    Files.writeString(environments.resolve("probe.yaml"), """
        name: probe
        hosts: [{name: api-1, address: 127.0.0.250}]
        ssh: {keyFile: %s, knownHosts: %s}
        """.formatted(Files.writeString(dir.resolve("id_ed25519"), "unused"), Files.writeString(dir.resolve("known_hosts"), "")));
    Path documents = Files.createDirectories(dir.resolve("documents"));
    Files.writeString(documents.resolve("api-probe.yaml"), """
        name: api-probe
        description: the API's status page answers; an API that does not opens Incident 1
        source: RUNBOOK_INCIDENTS.md
        parameters:
          port: {type: integer, minimum: 1, maximum: 65535}
        steps:
          - id: "1"
            title: API answers
            http: {method: GET, url: "http://127.0.0.1:{port}/status", expectStatus: 200}
            onFailure: incident
            incidentType: api-unresponsive
        """);
    Path file = Files.writeString(dir.resolve("probe-schedules.yaml"), """
        schedules:
          - id: api-probe-probe
            runbook: api-probe
            environment: probe
            parameters: {port: "%d"}
            every: 1h
        """.formatted(closedPort()));
    try (DevServer server = DevServer.start(dir.resolve("temporal-probe"));
        WorkerProcess worker = WorkerProcess.start(server.address(), environments, dir.resolve("worker.log"),
            Map.of("RUNBOOK_TASK_QUEUE", QUEUE, "RUNBOOK_DOCUMENTS", documents.toString()));
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.from(Map.of("TEMPORAL_ADDRESS", server.address(), "RUNBOOK_TASK_QUEUE", QUEUE)))) {
      worker.awaitReady(Duration.ofSeconds(60));
      cli(server, "schedules", "apply", file.toString());

      cli(server, "schedules", "trigger", "api-probe-probe");

      String incident = IncidentKey.of("probe", "api-unresponsive", "");
      RunbookClient runbooks = new RunbookClient(connection);
      Await.condition(incident + " opened by the scheduled run", FIRES_WITHIN, () -> {
        try {
          return runbooks.isRunning(incident);
        } catch (RuntimeException notYet) {
          return false;
        }
      });
      String run = workflowIdsStartedBy(connection, "api-probe-probe").get(0);
      RunbookResult result = runbooks.result(run, RunbookResult.class, FIRES_WITHIN);
      assertThat(result.message()).as(result.report()).contains("1 API answers");
      assertThat(runbooks.incidentState(incident).summary()).contains("API answers");
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> workflowIdsStartedBy(TemporalConnection connection, String scheduleId) throws Exception {
    return Await.until("visibility lists the run of " + scheduleId, FIRES_WITHIN, () -> {
      List<String> ids = connection.stubs().blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest
              .newBuilder().setNamespace(connection.settings().namespace())
              .setQuery("WorkflowId STARTS_WITH '" + scheduleId + "'").build())
          .getExecutionsList().stream().map(e -> e.getExecution().getWorkflowId()).toList();
      return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    });
  }

  private static Listed listed(RunbookSchedules schedules, String id) {
    return schedules.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Workflow types of the runs a schedule started (their ids begin with the schedule's id). */
  private static List<String> workflowTypesStartedBy(TemporalConnection connection, String scheduleId) throws Exception {
    return Await.until("visibility lists the runs of " + scheduleId, FIRES_WITHIN, () -> {
      List<String> types = connection.stubs().blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest
              .newBuilder().setNamespace(connection.settings().namespace())
              .setQuery("WorkflowId STARTS_WITH '" + scheduleId + "'").build())
          .getExecutionsList().stream().map(e -> e.getType().getName()).toList();
      return types.size() >= 4 ? Optional.of(types) : Optional.empty();
    });
  }

  private static String cli(DevServer server, String... args) {
    StringWriter out = new StringWriter();
    int exit = cli(out, server, args);
    assertThat(exit).as(String.join(" ", args) + ": " + out).isZero();
    return out.toString();
  }

  private static int cli(StringWriter out, DevServer server, String... args) {
    CommandLine cli = RunbookCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--address";
    all[args.length + 1] = server.address();
    all[args.length + 2] = "--task-queue";
    all[args.length + 3] = QUEUE;
    return cli.execute(all);
  }
}
