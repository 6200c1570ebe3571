package io.spacetime.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Exit codes release automation relies on: 1 for bad usage or input, never 2 (which means "rolled back"). */
class RunbookCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = RunbookCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void missingOptionIsBadUsageWithExitCode1() {
    assertThat(run("deploy", "--env", "sandbox")).isEqualTo(1);
    assertThat(err.toString()).contains("--version");
  }

  @Test
  void unsafeVersionIsRejectedBeforeContactingTemporal() {
    // The address is unreachable on purpose: the input check must answer first.
    assertThat(run("deploy", "--env", "sandbox", "--version", "$(touch x)", "--address", "127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("version \"$(touch x)\" is not a release version");
  }

  @Test
  void emergencyWithoutReasonIsRejected() {
    assertThat(run("deploy", "--env", "production", "--version", "v2.5.1", "--emergency", "--address", "127.0.0.1:1"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("reason is required");
  }

  @Test
  void helpTeachesWithExamplesAndExitCodes() {
    assertThat(run("deploy", "--help")).isEqualTo(0);
    assertThat(out.toString()).contains("./runbook deploy --env sandbox --version v2.5.0 --wait")
        .contains("Exit codes");
  }
}
