package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.conditions.DiskFill;
import io.spacetime.runbook.sandbox.conditions.InducedCondition;
import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every incident condition induced on a running sandbox host and seen for real: HTTP answers
 * through a real client, the service's log and {@code /metrics}, its resident memory in
 * {@code /proc}, files, modes and processes; then ended the way the runbook ends it (a restart, a
 * restore, a kill, a cleanup), or by {@code clear}. Each test leaves the host cleared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxConditionsTest {

  private static final int SUBNET = 111;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SCENE = "{\"scene_path\": \"res://vr_main.tscn\"}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private Sandbox sandbox;
  private SandboxHost host;
  private SandboxHost other;

  @BeforeAll
  void startSandbox() throws Exception {
    sandbox = Sandbox.builder().root(Files.createTempDirectory("sandbox-conditions-")).hosts(2).subnet(SUBNET)
        .deleteOnClose(true).start();
    host = sandbox.hosts().get(0);
    other = sandbox.hosts().get(1);
  }

  @AfterAll
  void closeSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @AfterEach
  void clearTheHost() throws Exception {
    sandbox.clear(host);
    assertEquals(Set.of(), sandbox.conditionsHolding(host));
  }

  @Test
  void errorsFailTheirShareOnOneHostUntilItsServiceRestarts() throws Exception {
    String failed = "http_requests_total{endpoint=\"/scene/load\",status=\"500\"}";
    double failedBefore = PrometheusText.find(get(host, "/metrics").body(), failed).orElse(0.0);

    sandbox.induce(host, Condition.ERRORS, ConditionOptions.newBuilder().ratePercent(20).build());

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(post(host, "/scene/load", SCENE).statusCode());
    }
    assertEquals(2, statuses.stream().filter(s -> s == 500).count(), statuses.toString());
    assertEquals(200, post(other, "/scene/load", SCENE).statusCode(), "the other host is healthy");
    String metrics = get(host, "/metrics").body();
    assertEquals(failedBefore + 2, PrometheusText.sample(metrics, failed));
    assertTrue(Files.readString(host.serviceLog()).contains("ERROR [GodotBridge] Internal error while handling"));
    assertEquals(Set.of(Condition.ERRORS), sandbox.conditionsHolding(host));

    sandbox.restartService(host);

    assertEquals(Set.of(), sandbox.conditionsHolding(host));
    for (int i = 0; i < 10; i++) {
      assertEquals(200, post(host, "/scene/load", SCENE).statusCode());
    }
  }

  @Test
  void slowDelaysEveryAnswerUntilItsTimeIsUp() throws Exception {
    String within1s = "http_request_duration_seconds_bucket{endpoint=\"/status\",le=\"1.0\"}";
    String count = "http_request_duration_seconds_count{endpoint=\"/status\"}";
    String before = get(host, "/metrics").body();
    InducedCondition slow = sandbox.induce(host, Condition.SLOW,
        ConditionOptions.newBuilder().lasting(Duration.ofSeconds(2)).build());
    assertTrue(slow.until().isPresent());
    get(host, "/status");

    // At least 1.2 s: not within the 1 s bucket, whatever the machine's speed.
    String metrics = get(host, "/metrics").body();
    assertEquals(PrometheusText.find(before, within1s).orElse(0.0), PrometheusText.sample(metrics, within1s));
    assertEquals(PrometheusText.find(before, count).orElse(0.0) + 1, PrometheusText.sample(metrics, count));

    String log = Poll.until(WAIT, Poll.INTERVAL, () -> Poll.tail(host.serviceLog(), 50),
        text -> text.contains("condition over (its time is up): slow"));

    assertTrue(log.contains("condition over (its time is up): slow"), log);
    assertEquals(Set.of(), sandbox.conditionsHolding(host), "the condition ended by itself");
  }

  @Test
  void authAnswers401AndLogsAuthenticationFailedUntilCleared() throws Exception {
    sandbox.induce(host, Condition.AUTH);

    HttpResponse<String> status = get(host, "/status");

    assertEquals(401, status.statusCode());
    assertEquals(json.readTree("{\"error\":\"Unauthorized\"}"), json.readTree(status.body()));
    assertTrue(Files.readString(host.serviceLog()).contains("authentication failed for GET /status"));

    sandbox.clear(host, Condition.AUTH);

    assertEquals(200, get(host, "/status").statusCode());
  }

  @Test
  void memoryGrowthGrowsTheResidentMemoryOfTheServiceUntilItRestarts() throws Exception {
    long pid = HostControl.serviceProcess(host).orElseThrow().pid();
    long before = rssKb(pid);

    sandbox.induce(host, Condition.MEMORY_GROWTH, ConditionOptions.newBuilder().mbPerSecond(8).build());
    long grown = Poll.until(WAIT, Poll.INTERVAL, () -> rssKb(pid), rss -> rss >= before + 32 * 1024);

    assertTrue(grown >= before + 32 * 1024, "RSS " + before + " kB -> " + grown + " kB");
    double exposed = PrometheusText.sample(get(host, "/metrics").body(), "process_resident_memory_bytes");
    assertTrue(exposed >= (before + 32 * 1024) * 1024.0, "process_resident_memory_bytes " + exposed);

    sandbox.restartService(host);

    long restarted = HostControl.serviceProcess(host).orElseThrow().pid();
    assertNotEquals(pid, restarted);
    assertTrue(rssKb(restarted) < grown, "the restart gave the memory back: " + rssKb(restarted) + " kB");
    assertEquals(Set.of(), sandbox.conditionsHolding(host));
  }

  @Test
  void sceneMissingFailsSceneLoadsAndARestartDoesNotBringTheFileBack() throws Exception {
    Path scene = host.productionLink().toRealPath().resolve("vr_main.tscn");

    InducedCondition missing = sandbox.induce(host, Condition.SCENE_MISSING);

    assertEquals(List.of(scene), missing.paths());
    assertFalse(Files.exists(scene));
    HttpResponse<String> load = post(host, "/scene/load", SCENE);
    assertEquals(500, load.statusCode());
    assertEquals(json.readTree("{\"error\":\"Scene load failed\",\"message\":\"File not found\"}"),
        json.readTree(load.body()));
    assertTrue(Files.readString(host.serviceLog()).contains("scene load failed: file not found"));
    sandbox.restartService(host);
    assertEquals(Set.of(Condition.SCENE_MISSING), sandbox.conditionsHolding(host));

    sandbox.clear(host, Condition.SCENE_MISSING);

    assertTrue(Files.exists(scene));
    assertEquals(200, post(host, "/scene/load", SCENE).statusCode());
  }

  @Test
  void aBackupOfTheServedReleaseHoldsTheMissingSceneAndRestoringFromItFixesIt() throws Exception {
    String release = host.productionLink().toRealPath().getFileName().toString();

    InducedCondition missing = sandbox.induce(host, Condition.SCENE_MISSING,
        ConditionOptions.newBuilder().backupFirst(true).build());

    Path archive;
    try (Stream<Path> backups = Files.list(host.backupsDir())) {
      archive = backups.filter(p -> p.getFileName().toString().matches("production_\\d{8}_\\d{6}\\.tar\\.gz"))
          .findFirst().orElseThrow();
    }
    assertTrue(missing.summary().contains(host.deployRoot().relativize(archive) + " holds vr_main.tscn"),
        missing.summary());
    assertTrue(run(host.root(), "tar", "-tzf", archive.toString()).lines().anyMatch((release + "/vr_main.tscn")::equals));

    // Incident 5 Scenario A, as an adapter would do it: extract the file from the archive into the release.
    run(host.deployRoot(), "tar", "-xzf", archive.toString(), "-C", host.deployRoot().toString(),
        release + "/vr_main.tscn");

    assertEquals(Set.of(), sandbox.conditionsHolding(host));
    assertEquals(200, post(host, "/scene/load", SCENE).statusCode());
  }

  @Test
  void sceneUnreadableHasMode000UntilItsModeIsFixed() throws Exception {
    Path scene = host.productionLink().toRealPath().resolve("vr_main.tscn");

    sandbox.induce(host, Condition.SCENE_UNREADABLE);

    assertEquals("---------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scene)));
    HttpResponse<String> load = post(host, "/scene/load", SCENE);
    assertEquals(500, load.statusCode());
    assertEquals("Permission denied", json.readTree(load.body()).get("message").asText());

    run(host.deployRoot(), "chmod", "644", scene.toString()); // Incident 5 Scenario D

    assertEquals(Set.of(), sandbox.conditionsHolding(host));
    assertEquals(200, post(host, "/scene/load", SCENE).statusCode());
  }

  @Test
  void diskFillPassesNinetyFivePercentOfTheQuotaTheWaysTheRunbookLists() throws Exception {
    InducedCondition fill = sandbox.induce(host, Condition.DISK_FILL);

    assertTrue(usedPercent() > 95, usedPercent() + " %");
    Path log = fill.paths().get(0);
    assertTrue(log.getParent().equals(host.deployRoot().resolve("logs")) && log.toString().endsWith(".log"), log.toString());
    assertTrue(Files.getLastModifiedTime(log).toInstant().isBefore(Instant.now().minus(Duration.ofDays(7))));
    assertEquals(2, fill.paths().stream().filter(p -> p.getParent().equals(host.deployRoot())
        && p.getFileName().toString().matches("core\\.\\d+")).count(), fill.paths().toString());
    assertEquals(3, fill.paths().stream().filter(p -> p.getParent().equals(host.tempDir())
        && p.getFileName().toString().matches("(godot|spacetime)-.*")).count(), fill.paths().toString());
    assertEquals(Set.of(Condition.DISK_FILL), sandbox.conditionsHolding(host));
  }

  @Test
  void compressingTheOldLogBringsTheDeployRootUnderEightyPercentAndEndsTheCondition() throws Exception {
    InducedCondition fill = sandbox.induce(host, Condition.DISK_FILL);

    // Incident 7 Scenario A, with the runbook's own commands.
    Files.createDirectories(host.backupsDir().resolve("logs"));
    run(host.deployRoot().resolve("logs"), "find", ".", "-name", "*.log", "-mtime", "+7", "-exec", "gzip", "{}", ";");
    run(host.deployRoot().resolve("logs"), "sh", "-c", "mv *.log.gz ../backups/logs/");

    assertTrue(usedPercent() < 80, usedPercent() + " %");
    assertEquals(Set.of(), sandbox.conditionsHolding(host), "the disk is no longer exhausted, core dumps or not");
    assertTrue(Files.exists(fill.paths().get(1)), "the core dumps are still there");
  }

  @Test
  void clearRemovesWhatDiskFillLeftAndWhatCleaningMadeOfItsLog() throws Exception {
    InducedCondition fill = sandbox.induce(host, Condition.DISK_FILL);
    run(host.deployRoot().resolve("logs"), "gzip", fill.paths().get(0).getFileName().toString());

    sandbox.clear(host, Condition.DISK_FILL);

    assertTrue(fill.paths().stream().noneMatch(Files::exists), fill.paths().toString());
    assertFalse(Files.exists(Path.of(fill.paths().get(0) + ".gz")));
  }

  @Test
  void crashKillsTheServiceWithoutItsStopAndIsActiveSaysInactive() throws Exception {
    long pid = HostControl.serviceProcess(host).orElseThrow().pid();

    InducedCondition crash = sandbox.induce(host, Condition.CRASH);

    assertEquals(pid, crash.killedPid());
    assertTrue(ProcessHandle.of(pid).map(SandboxProcesses::ended).orElse(true), "the process died");
    HostControl.ScriptRun isActive = HostControl.runServiceScript(host, "is-active");
    assertEquals(3, isActive.exitCode());
    assertEquals("inactive", isActive.output());
    assertFalse(sandbox.status(host).answered());
    String log = Files.readString(host.serviceLog());
    assertFalse(log.trim().endsWith("Shutdown complete"), "no clean shutdown");
    assertTrue(log.contains("Main process " + pid + " exited, code=killed, status=9/KILL"));

    sandbox.clear(host, Condition.CRASH);

    assertTrue(sandbox.status(host).overallReady());
  }

  @Test
  void portConflictLeavesAForeignProcessOnTheApiPortThatAStartCannotBindPast() throws Exception {
    InducedCondition conflict = sandbox.induce(host, Condition.PORT_CONFLICT);

    assertEquals(Set.of(Condition.CRASH, Condition.PORT_CONFLICT), sandbox.conditionsHolding(host));
    ProcessHandle foreign = ProcessHandle.of(conflict.foreignPid()).orElseThrow();
    Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(foreign.pid()), "cwd"));
    assertFalse(cwd.startsWith(host.deployRoot()), "runs from " + cwd + ", not from a release");
    assertTrue(accepts(host.address(), ServiceConfig.PRODUCTION.apiPort()), "the port is taken");
    assertThrows(IOException.class, () -> get(host, "/status"), "what holds the port gives no HTTP answer");

    HostControl.requireServiceScript(host, "start");
    boolean exited = Poll.until(WAIT, Poll.INTERVAL, () -> HostControl.serviceProcess(host).isEmpty(), gone -> gone);
    assertTrue(exited, "the service cannot bind and exits");
    assertTrue(Files.readString(host.serviceLog()).contains("API port " + host.address() + ":8080 is not available"));

    foreign.destroyForcibly(); // Incident 1 Scenario B: kill the process using the port
    Poll.until(WAIT, Poll.INTERVAL, () -> SandboxProcesses.ended(foreign), ended -> ended);

    assertEquals(Set.of(Condition.CRASH), sandbox.conditionsHolding(host));
  }

  @Test
  void backupsPileHoldsDatedArchivesBeyondTheRetentionUntilTheyArePruned() throws Exception {
    deleteDatedBackups(); // a host with no dated backups of its own yet: the pile is all there is

    InducedCondition pile = sandbox.induce(host, Condition.BACKUPS_PILE);

    assertEquals(54, pile.paths().size());
    // 30 daily keep 7, 12 weekly keep 4, 12 monthly keep 3.
    assertEquals(23 + 8 + 9, pile.beyondRetention().size(), pile.beyondRetention().toString());
    assertTrue(pile.paths().stream().allMatch(p -> p.getFileName().toString()
        .matches("production_(weekly_|monthly_)?\\d{8}_\\d{6}\\.tar\\.gz")), pile.paths().toString());
    for (Path archive : pile.paths()) {
      long ageDays = Duration.between(Files.getLastModifiedTime(archive).toInstant(), Instant.now()).toDays();
      boolean daily = !archive.getFileName().toString().contains("ly_");
      if (daily) {
        assertEquals(ageDays > 7, pile.beyondRetention().contains(archive), archive + " is " + ageDays + " days old");
      }
    }
    assertTrue(run(host.root(), "tar", "-tzf", pile.paths().get(0).toString()).contains("/vr_main.tscn"));

    for (Path archive : pile.beyondRetention()) {
      Files.delete(archive);
    }

    assertEquals(Set.of(), sandbox.conditionsHolding(host));
  }

  @Test
  void aRuntimeConditionNeedsTheServiceRunning() throws Exception {
    sandbox.induce(host, Condition.CRASH);

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> sandbox.induce(host, Condition.ERRORS));

    assertTrue(refused.getMessage().contains("not running"), refused.getMessage());
  }

  @Test
  void anOptionThatDoesNotApplyIsRefusedNamingWhereItApplies() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> sandbox.induce(host, Condition.CRASH, ConditionOptions.newBuilder().ratePercent(20).build()));

    assertTrue(refused.getMessage().contains("--rate does not apply to crash (it applies to errors)"),
        refused.getMessage());
  }

  @Test
  void theEnvironmentFileSizesTheIncidentRunbookForTheSandbox() throws Exception {
    JsonNode incident = new YAMLMapper().readTree(sandbox.environmentFile().toFile()).get("incident");

    assertEquals(DiskFill.QUOTA_MB, incident.at("/disk/quotaMb").asInt());
    assertEquals(List.of(host.tempDir().toString(), other.tempDir().toString()),
        List.of(incident.at("/disk/tempDirs/0").asText(), incident.at("/disk/tempDirs/1").asText()));
    assertTrue(host.tempDir().startsWith(host.root()) && !host.tempDir().startsWith(host.deployRoot()));
    assertEquals(5, incident.get("watchSeconds").asInt());
    assertEquals(1, incident.get("watchIntervalSeconds").asInt());
    assertEquals(5, incident.get("memorySamples").asInt());
    assertEquals(1, incident.get("memoryIntervalSeconds").asInt());
    assertEquals(10, incident.get("samplesPerEndpoint").asInt());
    assertTrue(incident.get("memoryGrowthMbPerHour").asDouble() < ConditionOptions.DEFAULT_MB_PER_SECOND * 3600);
    assertEquals("sandbox-oncall", incident.at("/escalationPath/onCall").asText());
  }

  @Test
  void theScheduledRestartCommandRecordsATimerUnderTheDeployRoot() throws Exception {
    String template = new YAMLMapper().readTree(sandbox.environmentFile().toFile())
        .at("/incident/scheduledRestartCommand").asText();
    // As the engine substitutes its placeholders: each a shell-quoted word.
    String command = template.replace("{deployRoot}", "'" + host.deployRoot() + "'").replace("{everyHours}", "'6'");

    run(host.root(), "/bin/sh", "-c", command);

    assertTrue(Files.readString(host.restartTimer()).contains("OnUnitActiveSec=6h"), Files.readString(host.restartTimer()));
    Files.delete(host.restartTimer());
  }

  private void deleteDatedBackups() throws IOException {
    try (Stream<Path> backups = Files.list(host.backupsDir())) {
      for (Path archive : backups.filter(p -> p.getFileName().toString().matches(".*\\d{8}_\\d{6}.*")).toList()) {
        Files.delete(archive);
      }
    }
  }

  /** {@code du -sk} of the deploy root against the sandbox's quota, as Incident 7 measures it. */
  private double usedPercent() throws Exception {
    long kb = Long.parseLong(run(host.root(), "du", "-sk", host.deployRoot().toString()).split("\\s+")[0]);
    return 100.0 * kb / 1024 / DiskFill.QUOTA_MB;
  }

  private static long rssKb(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a real program in {@code dir}; its output, or a failed assertion with it when it exits non-zero. */
  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    return output;
  }

  private HttpResponse<String> get(SandboxHost target, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(target.apiBaseUrl() + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(SandboxHost target, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(target.apiBaseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
