package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's CI job, run as written (bash, curl, jq) against a real intake: it starts a
 * deployment, long-polls it, and exits with the run's exit code (2 here: the run is aborted).
 */
class ReadmeCiJobTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  @Test
  void theCiJobFollowsTheRunAndExitsWithItsExitCode() throws Exception {
    Path script = Files.createTempFile("ci-job", ".sh");
    Files.writeString(script, ciJob());
    ProcessBuilder job = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    job.environment().put("INTAKE", "http://127.0.0.1:" + intake.server().port());
    job.environment().put("RUNBOOK_INTAKE_TOKEN", IntakeTestbed.TOKEN);
    job.environment().put("CI_PIPELINE_ID", "4711");
    job.environment().put("VERSION", "v2.5.0");
    Process process = job.start();
    try {
      String run = intake.firstWaitForAResult().get(60, TimeUnit.SECONDS);
      assertThat(intake.post("/v1/runs/" + run + "/abort", "{\"reason\":\"stopped by the test\"}").statusCode()).isEqualTo(202);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the job ended").isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isEqualTo(2);
      assertThat(output).contains("deployment deploy-production-v2.5.0-").contains("COMPLETED ABORTED");
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(script);
    }
  }

  /** The shell block after "**A CI job**" in the README. */
  private static String ciJob() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("**A CI job**")).findFirst().orElseThrow());
    int open = start;
    while (!lines.get(open).equals("```sh")) {
      open++;
    }
    int close = open + 1;
    while (!lines.get(close).equals("```")) {
      close++;
    }
    return String.join("\n", lines.subList(open + 1, close)) + "\n";
  }
}
