package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.alerts.AlertScenario;
import io.spacetime.runbook.alerts.AlertingStack;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch window for real: a release that passes every gate of Steps 1-10 and degrades 20 s
 * after it starts (the sandbox's {@code degrades} fault), real Prometheus scraping the stand-in's
 * /metrics on both hosts while users' requests arrive, and a 40-second window sampling every 2 s
 * through Prometheus' HTTP API. Its error rate crosses 5 % and the deployment's own compensation
 * puts every host back on the release it served before, which answers healthy.
 */
class WatchWindowOnSandboxTest {

  /** Long enough for the degradation to show after Step 10 on a busy machine; the run ends at the trigger. */
  static final String WATCH = "40s";

  SandboxTestbed bed;
  AlertScenario scenario;
  final List<Thread> users = new ArrayList<>();
  final AtomicBoolean sending = new AtomicBoolean(true);

  @AfterEach
  void stop() throws Exception {
    sending.set(false);
    for (Thread user : users) {
      user.join(5000);
    }
    if (scenario != null) {
      scenario.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void aReleaseThatDegradesAfterStep10IsRolledBackByTheWatchWindowAndEveryHostServesThePreviousOne() throws Exception {
    AlertingStack stack = AlertingStack.shared();
    bed = SandboxTestbed.start(Files.createTempDirectory("runbook-watch-"), 2, false, 77);
    AlertScenario.Builder setup = stack.scenario("watch-window");
    for (SandboxHost host : bed.sandbox.hosts()) {
      setup.scrape(URI.create(host.apiBaseUrl()).getAuthority());
    }
    scenario = setup.start();
    watchThroughPrometheus(bed.sandbox.environmentFile(), stack.prometheusUrl(), scenario);
    Map<SandboxHost, String> before = new HashMap<>();
    for (SandboxHost host : bed.sandbox.hosts()) {
      before.put(host, bed.sandbox.currentRelease(host));
      users.add(sendTraffic(host));
    }
    String servedVersion = bed.sandbox.status(bed.sandbox.hosts().get(0)).version();
    bed.sandbox.stageRelease("v2.6.0", Fault.DEGRADES, FaultScope.PRODUCTION);

    DeploymentWorkflow run = bed.client().newWorkflowStub(DeploymentWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId("deploy-watch-" + System.nanoTime()).setTaskQueue(SandboxTestbed.TASK_QUEUE).build());
    DeploymentResult result = run.deploy(DeploymentRequest.of("it", "v2.6.0").withWatch(WATCH));

    assertThat(result.outcome()).as(result.report()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.failedStep()).isEqualTo("Post-Deployment Validation: Watch Window");
    assertThat(result.failedGate()).startsWith("the watch window triggered the rollback: sample ")
        .contains("error rate").contains("> 5.0 % on all hosts (Prometheus;");
    assertThat(result.steps()).as("every gate of Steps 1-10 passed before the window")
        .anyMatch(s -> s.label().equals("Step 10: Final Validation") && s.status().name().equals("PASSED"));
    StepResult watch = run.progress().steps().stream()
        .filter(s -> s.label().equals("Post-Deployment Validation: Watch Window")).findFirst().orElseThrow();
    assertThat(watch.evidence()).as("each sample is evidence").anyMatch(e -> e.action().contains("from Prometheus"));
    for (SandboxHost host : bed.sandbox.hosts()) {
      assertThat(bed.sandbox.currentRelease(host)).isEqualTo(before.get(host));
      assertThat(bed.sandbox.servingRelease(host)).isEqualTo(before.get(host));
      assertThat(bed.sandbox.status(host).overallReady()).isTrue();
      assertThat(bed.sandbox.status(host).version()).isEqualTo(servedVersion);
    }
  }

  /**
   * The environment's watch section: this scenario's series in Prometheus, rates over 10 s (the
   * runbook's 5 minutes would dilute a 40-second window), a sample every 2 s.
   */
  static void watchThroughPrometheus(Path environmentFile, String prometheusUrl, AlertScenario scenario)
      throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    String all = scenario.series("http_requests_total");
    String errors = all.replace("}", ",status=~\"5..\"}");
    ((ObjectNode) env.get("watch")).put("prometheusUrl", prometheusUrl).put("intervalSeconds", 2)
        .put("errorRateQuery", "sum(rate(" + errors + "[10s])) / sum(rate(" + all + "[10s]))")
        .put("p95Query", "histogram_quantile(0.95, sum by (le) (rate("
            + scenario.series("http_request_duration_seconds_bucket") + "[10s])))");
    yaml.writeValue(environmentFile.toFile(), env);
  }

  /** A user of one host: a scene load and a status read every 50 ms; what the error rate is made of. */
  Thread sendTraffic(SandboxHost host) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Thread t = new Thread(() -> {
      while (sending.get()) {
        try {
          http.send(HttpRequest.newBuilder(URI.create(host.apiBaseUrl() + "/scene/load")).timeout(Duration.ofSeconds(2))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"scene_path\": \"res://vr_main.tscn\"}")).build(),
              HttpResponse.BodyHandlers.discarding());
          http.send(HttpRequest.newBuilder(URI.create(host.apiBaseUrl() + "/status")).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
          Thread.sleep(50); // a user's pace, not synchronisation
        } catch (InterruptedException e) {
          return;
        } catch (Exception refused) {
          // The host is between a stop and a start: users retry, and so does this one.
        }
      }
    }, "user-of-" + host.name());
    t.setDaemon(true);
    t.start();
    return t;
  }
}
