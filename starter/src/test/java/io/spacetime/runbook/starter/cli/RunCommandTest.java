package io.spacetime.runbook.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.document.DocumentParameter;
import io.spacetime.runbook.document.RunbookDocument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./runbook run}: a bad --param is refused at once from this machine's copy of the document,
 * before Temporal is contacted (the address is one nothing answers on, so reaching it would say so).
 */
class RunCommandTest {

  static final RunbookDocument MARKER = new RunbookDocument("maintenance-marker", "d", "", Map.of(
      "reason", new DocumentParameter("string", "[a-z ]{1,20}", "why maintenance is on", null, null, null),
      "hosts", new DocumentParameter("integer", null, "", "2", 1L, 5L)), List.of());

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aValueOutsideTheAllowListIsRefusedNamingTheParameterAndWhatIsAccepted() {
    int exit = run(name -> Optional.of(MARKER), "--param", "reason=$(reboot)", "--param", "hosts=9");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("parameters.reason \"$(reboot)\" is not why maintenance is on: a value matching"
        + " [a-z ]{1,20}").contains("parameters.hosts \"9\" is not an integer >= 1 <= 5").doesNotContain("cannot reach");
  }

  @Test
  void anUnknownOrMissingParameterIsRefusedAtOnce() {
    int exit = run(name -> Optional.of(MARKER), "--param", "reasn=disk swap");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("parameters.reasn is not a parameter of maintenance-marker (it takes: ")
        .contains("parameters.reason is required");
  }

  @Test
  void goodParametersGoOnToTemporal() {
    int exit = run(name -> Optional.of(MARKER), "--param", "reason=disk swap");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach Temporal at 127.0.0.1:1");
  }

  @Test
  void withoutALocalCopyTheWorkerIsLeftToCheck() {
    int exit = run(name -> Optional.empty(), "--param", "reason=$(reboot)");

    assertThat(err.toString()).contains("cannot reach Temporal at 127.0.0.1:1");
    assertThat(exit).isEqualTo(1);
  }

  private int run(DocumentPrecheck precheck, String... params) {
    CommandLine cli = new CommandLine(new RunCommand(precheck));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(new CliErrors());
    String[] args = new String[params.length + 5];
    args[0] = "maintenance-marker";
    args[1] = "--env";
    args[2] = "sandbox";
    System.arraycopy(params, 0, args, 3, params.length);
    args[params.length + 3] = "--address";
    args[params.length + 4] = "127.0.0.1:1";
    return cli.execute(args);
  }
}
