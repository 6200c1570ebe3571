package io.spacetime.runbook.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's probes as Kubernetes and systemd see them, on a real worker process against the real
 * dev server: /readyz follows the connection to Temporal (503 while the frontend is down, 200 again
 * once it is back) while /livez stays 200; SIGTERM makes the worker stop polling and exit by itself
 * well inside its grace period, saying so.
 */
class WorkerHealthOnRealServerTest {

  private static final Pattern METRICS_LINE = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void readinessFollowsTemporalLivenessStaysAndSigtermEndsTheWorkerGracefully() throws Exception {
    Files.createDirectories(dir.resolve("environments"));
    try (DevServer server = DevServer.start(dir.resolve("temporal"))) {
      WorkerProcess worker = WorkerProcess.start(server.address(), dir.resolve("environments"), dir.resolve("worker.log"),
          Map.of(), List.of("--metrics-port", "0", "--shutdown-grace", "20"));
      try (worker) {
        worker.awaitReady(Duration.ofSeconds(60));
        Matcher port = METRICS_LINE.matcher(worker.ownLog());
        assertThat(port.find()).as("the worker logs its metrics port:\n" + worker.ownLog()).isTrue();
        String base = "http://127.0.0.1:" + port.group(1);

        awaitStatus(base + "/readyz", 200, "polling");
        assertThat(get(base + "/livez").statusCode()).isEqualTo(200);
        assertThat(get(base + "/metrics").body()).contains("temporal_");

        server.stop();
        HttpResponse<String> down = awaitStatus(base + "/readyz", 503, "does not answer");
        assertThat(down.body()).contains("Temporal frontend does not answer");
        assertThat(get(base + "/livez").statusCode()).as("a Temporal outage is no reason to restart workers")
            .isEqualTo(200);

        server.startAgain();
        awaitStatus(base + "/readyz", 200, "polling");

        int exit = worker.terminate(Duration.ofSeconds(20));
        assertThat(exit).as("exit code after SIGTERM (the JVM reports 128 + 15)").isEqualTo(143);
        assertThat(worker.ownLog()).contains("shutting down: letting running activities finish (up to 20 s)")
            .contains("worker stopped").doesNotContain("activities still running after");
      }
    }
  }

  private HttpResponse<String> awaitStatus(String url, int status, String bodyPart) throws InterruptedException {
    return Await.until(url + " answers " + status, Duration.ofSeconds(60), () -> {
      try {
        HttpResponse<String> response = get(url);
        return response.statusCode() == status && response.body().contains(bodyPart) ? Optional.of(response)
            : Optional.empty();
      } catch (java.io.IOException notYet) {
        return Optional.empty();
      }
    });
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
