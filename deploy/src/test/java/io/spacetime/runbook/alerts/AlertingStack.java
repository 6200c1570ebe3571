package io.spacetime.runbook.alerts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.e2e.DevServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus and Alertmanager (Debian's {@code prometheus} 2.42 and
 * {@code prometheus-alertmanager} 0.25) on free loopback ports, with config and data in a
 * directory of their own, for tests of what alerts do end to end.
 *
 * <pre>
 * AlertingStack stack = AlertingStack.shared();         // started once per JVM, stopped at its exit
 * try (MetricTarget target = MetricTarget.start().set("spacetime_error_ratio", 0.01);
 *      WebhookReceiver receiver = WebhookReceiver.start()) {
 *   AlertScenario.Builder setup = stack.scenario("high-error-rate");
 *   try (AlertScenario scenario = setup.scrape(target.address())
 *       .rule(AlertRule.alert("HighErrorRate", setup.series("spacetime_error_ratio") + " > 0.05"))
 *       .receiver(receiver.url())
 *       .start()) {
 *     target.set("spacetime_error_ratio", 0.07);
 *     receiver.await("a firing notification", Duration.ofSeconds(30), n -> n.status().equals("firing"));
 *   }
 * }
 * </pre>
 *
 * <p>Fast on purpose: scrape and rule evaluation every {@value #TICK_SECONDS} s; Alertmanager's
 * group_wait and group_interval {@value #TICK_SECONDS} s and repeat_interval
 * {@value #REPEAT_SECONDS} s, so a test sees a repeat within seconds (the defaults are 30 s, 5 min
 * and 4 h). Many scenarios share one stack (a scenario is config plus a hot reload, a stack is
 * seconds of start-up): {@link #shared()} starts it at first use and a JVM shutdown hook stops both
 * processes and removes the directory. Without the binaries {@link #shared()} skips the test (a
 * JUnit assumption, with the command that installs them); a stack that is installed but fails to
 * start fails the test.
 *
 * <p>The config files are written as JSON, which is YAML too: no quoting of PromQL by hand.
 */
public final class AlertingStack implements AutoCloseable {

  public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  public static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  static final int TICK_SECONDS = 1;
  static final int REPEAT_SECONDS = 2;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private static final Logger log = LoggerFactory.getLogger(AlertingStack.class);
  private static AlertingStack shared;
  private static RuntimeException sharedFailure;

  private final Path dir;
  private final int prometheusPort;
  private final int alertmanagerPort;
  private final Map<String, AlertScenario> scenarios = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private int scenarioCount;
  private boolean closed;

  private AlertingStack(Path dir, int prometheusPort, int alertmanagerPort) {
    this.dir = dir;
    this.prometheusPort = prometheusPort;
    this.alertmanagerPort = alertmanagerPort;
  }

  /**
   * The stack of this JVM, started on first use; skips the calling test when the binaries are not
   * installed. If it failed to start once, every later call fails the same way (no second try
   * per test class).
   */
  public static synchronized AlertingStack shared() throws Exception {
    assumeInstalled();
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared alerting stack failed to start earlier in this JVM: "
          + sharedFailure.getMessage(), sharedFailure);
    }
    if (shared == null) {
      try {
        shared = start(Files.createTempDirectory("alerting-stack-"));
      } catch (RuntimeException | IOException e) {
        sharedFailure = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "alerting-stack-stop"));
    }
    return shared;
  }

  /** A stack of the caller's own in {@code dir} (removed by {@link #close()}); most tests want {@link #shared()}. */
  public static AlertingStack start(Path dir) throws IOException, InterruptedException {
    assumeInstalled();
    AlertingStack stack = new AlertingStack(dir, DevServer.freePort(), DevServer.freePort());
    long started = System.nanoTime();
    try {
      stack.launch();
      log.info("Prometheus {} and Alertmanager {} ready in {} ms", stack.prometheusUrl(), stack.alertmanagerUrl(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return stack;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:PORT}: the Prometheus API and UI. */
  public String prometheusUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  /** {@code http://127.0.0.1:PORT}: the Alertmanager API and UI. */
  public String alertmanagerUrl() {
    return "http://127.0.0.1:" + alertmanagerPort;
  }

  /** A new scenario named {@code name} plus a number, so no two scenarios of a JVM share one. */
  public synchronized AlertScenario.Builder scenario(String name) {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("scenario name '" + name + "': lower-case letters, digits and '-' only");
    }
    return new AlertScenario.Builder(this, name + "-" + ++scenarioCount);
  }

  synchronized void add(AlertScenario scenario) throws IOException, InterruptedException {
    scenarios.put(scenario.name(), scenario);
    long started = System.nanoTime();
    try {
      writeConfig();
      reload();
      awaitLoaded(scenario);
      log.info("scenario {} loaded in {} ms", scenario.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      scenarios.remove(scenario.name());
      writeConfig();
      throw e;
    }
  }

  synchronized void remove(AlertScenario scenario) throws IOException, InterruptedException {
    if (scenarios.remove(scenario.name()) != null && !closed) {
      writeConfig();
      reload();
    }
  }

  /** Stops Alertmanager and Prometheus (SIGTERM, then SIGKILL after 10 s) and removes the directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    deleteTree(dir);
  }

  private static void assumeInstalled() {
    assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(ALERTMANAGER),
        "Prometheus and Alertmanager are not installed (" + PROMETHEUS + ", " + ALERTMANAGER + "): apt-get install -y"
            + " --no-install-recommends prometheus prometheus-alertmanager (bash .ci/run does)");
  }

  private void launch() throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("rules"));
    writeConfig();
    // Alertmanager first, so Prometheus finds it at its first look.
    spawn("alertmanager", ALERTMANAGER.toString(),
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("alertmanager-data"),
        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
        "--cluster.listen-address=");  // no gossip port (9094): one Alertmanager, no HA peers
    spawn("prometheus", PROMETHEUS.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
        "--web.listen-address=127.0.0.1:" + prometheusPort,
        "--web.enable-lifecycle",            // POST /-/reload: a scenario is a hot reload, not a restart
        "--rules.alert.resend-delay=1s");    // firing alerts re-sent every second, not every minute
    awaitAnswer("Alertmanager ready", alertmanagerUrl() + "/-/ready", START_TIMEOUT, body -> true);
    awaitAnswer("Prometheus ready", prometheusUrl() + "/-/ready", START_TIMEOUT, body -> true);
  }

  private void spawn(String name, String... command) throws IOException {
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(log(name).toFile())
        .start();
    processes.add(process);
  }

  private void writeConfig() throws IOException {
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", TICK_SECONDS + "s");
    global.put("scrape_timeout", TICK_SECONDS + "s");
    global.put("evaluation_interval", TICK_SECONDS + "s");
    List<Object> jobs = new ArrayList<>();
    List<Object> routes = new ArrayList<>();
    List<Object> receivers = new ArrayList<>(List.of(Map.of("name", "unrouted")));
    try (Stream<Path> old = Files.list(dir.resolve("rules"))) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    for (AlertScenario scenario : scenarios.values()) {
      Map<String, String> label = Map.of("scenario", scenario.name());
      if (!scenario.targets().isEmpty()) {
        jobs.add(Map.of("job_name", scenario.name(),
            "static_configs", List.of(Map.of("targets", scenario.targets(), "labels", label))));
      }
      if (scenario.rules().isEmpty()) {
        continue;
      }
      routes.add(Map.of("receiver", scenario.name(), "matchers", List.of("scenario=\"" + scenario.name() + "\"")));
      receivers.add(Map.of("name", scenario.name(),
          "webhook_configs", List.of(Map.of("url", scenario.receiverUrl(), "send_resolved", true, "max_alerts", 0))));
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", scenario.name());
      group.put("interval", TICK_SECONDS + "s");
      group.put("rules", scenario.rules().stream().map(rule -> rule.toConfig(label)).toList());
      write(dir.resolve("rules").resolve(scenario.name() + ".yml"), Map.of("groups", List.of(group)));
    }
    Map<String, Object> prometheus = new LinkedHashMap<>();
    prometheus.put("global", global);
    prometheus.put("alerting", Map.of("alertmanagers",
        List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + alertmanagerPort)))))));
    prometheus.put("rule_files", List.of(dir.resolve("rules").resolve("*.yml").toString()));
    prometheus.put("scrape_configs", jobs);
    write(dir.resolve("prometheus.yml"), prometheus);

    Map<String, Object> route = new LinkedHashMap<>();
    route.put("receiver", "unrouted");
    route.put("group_by", List.of("alertname"));
    route.put("group_wait", TICK_SECONDS + "s");
    route.put("group_interval", TICK_SECONDS + "s");
    route.put("repeat_interval", REPEAT_SECONDS + "s");
    route.put("routes", routes);
    write(dir.resolve("alertmanager.yml"), Map.of("route", route, "receivers", receivers));
  }

  private void write(Path file, Object config) throws IOException {
    Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
  }

  /** Both reload handlers answer once the new config is applied, or with why it was not. */
  private void reload() throws IOException, InterruptedException {
    for (String url : List.of(prometheusUrl(), alertmanagerUrl())) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/-/reload"))
          .timeout(LOAD_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("reloading " + url + " failed: HTTP " + response.statusCode() + " "
            + response.body().strip() + "\nconfig in " + dir);
      }
    }
  }

  /** The rule group is loaded and every target of the scenario has been scraped at least once. */
  private void awaitLoaded(AlertScenario scenario) throws InterruptedException {
    String name = scenario.name();
    if (!scenario.rules().isEmpty()) {
      // Checked here, not at start-up: Prometheus finds Alertmanager and new targets on the same
      // 5 s discovery tick, so the two waits overlap.
      awaitAnswer("Prometheus to find Alertmanager", prometheusUrl() + "/api/v1/alertmanagers", LOAD_TIMEOUT,
          body -> !json.readTree(body).path("data").path("activeAlertmanagers").isEmpty());
      awaitAnswer("rule group " + name + " in Prometheus", prometheusUrl() + "/api/v1/rules?type=alert", LOAD_TIMEOUT,
          body -> stream(json.readTree(body).path("data").path("groups"))
              .anyMatch(group -> group.path("name").asText().equals(name)));
    }
    // up{} is committed with the scrape's samples, so once it is there every target's metrics can be queried.
    String scraped = "count(up{scenario=\"" + name + "\"})";
    awaitAnswer("Prometheus to scrape " + scenario.targets(), prometheusUrl() + "/api/v1/query?query="
        + URLEncoder.encode(scraped, StandardCharsets.UTF_8), LOAD_TIMEOUT,
        body -> json.readTree(body).path("data").path("result").path(0).path("value").path(1).asText()
            .equals(String.valueOf(scenario.targets().size())));
  }

  private interface BodyCheck {
    boolean test(String body) throws IOException;
  }

  /**
   * Polls {@code url} until it answers 200 with a body {@code check} accepts. Fails at once when
   * Prometheus or Alertmanager has exited, and at the deadline otherwise, with the ends of their logs.
   */
  private void awaitAnswer(String what, String url, Duration timeout, BodyCheck check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (true) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw failedWaiting(what, process.info().command().orElse("a process") + " exited with "
              + process.exitValue());
        }
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && check.test(response.body())) {
          return;
        }
        last = "HTTP " + response.statusCode() + ": " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        throw failedWaiting(what, "not within " + timeout.toSeconds() + " s; last answer of " + url + ": " + last);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private IllegalStateException failedWaiting(String what, String why) {
    return new IllegalStateException("waiting for " + what + ": " + why + "\n--- prometheus.log\n"
        + tail(log("prometheus")) + "\n--- alertmanager.log\n" + tail(log("alertmanager")) + "\n(config in " + dir + ")");
  }

  private Path log(String name) {
    return dir.resolve(name + ".log");
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException gone) {
      // Best effort: the directory is under the system temp dir.
    }
  }
}
