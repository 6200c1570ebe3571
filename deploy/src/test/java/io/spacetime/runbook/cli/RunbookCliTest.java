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
  void aWatchThatIsNoDurationIsRejectedNamingWhatIsAccepted() {
    assertThat(run("deploy", "--env", "sandbox", "--version", "v2.5.0", "--watch", "30 minutes", "--address", "127.0.0.1:1"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("watch \"30 minutes\" is not a duration like \"30m\", \"45s\" or \"2h\"")
        .contains("or \"off\"");
  }

  @Test
  void deployHelpTeachesTheWatchWindow() {
    assertThat(run("deploy", "--help")).isEqualTo(0);
    assertThat(out.toString()).contains("--watch=DURATION|off").contains("--watch 45m")
        .contains("> 1 % or > 300 ms notifies \"consider rollback\"");
  }

  @Test
  void aRollbackDecisionNeedsExactlyOneAnswer() {
    assertThat(run("decide", "deploy-x", "--by", "Dana", "--reason", "spike", "--address", "127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("--rollback").contains("--keep");
  }

  @Test
  void aRollbackDecisionWithoutAReasonIsRejectedBeforeContactingTemporal() {
    assertThat(run("decide", "deploy-x", "--keep", "--by", "Dana", "--reason", " ", "--address", "127.0.0.1:1"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("rollback decision is invalid: reason is required");
  }

  /** Every command of the tree, with its full name ("runbook sandbox up"). */
  private static java.util.Map<String, CommandLine> everyCommand(CommandLine cli, String prefix,
      java.util.Map<String, CommandLine> found) {
    String name = prefix.isEmpty() ? cli.getCommandName() : prefix + " " + cli.getCommandName();
    // picocli's own help command is not ours to word.
    if (!cli.getCommandSpec().usageMessage().hidden() && !(cli.getCommand() instanceof CommandLine.HelpCommand)) {
      found.put(name, cli);
    }
    cli.getSubcommands().values().stream().distinct().forEach(sub -> everyCommand(sub, name, found));
    return found;
  }

  @Test
  void everyHelpFitsAnEightyColumnTerminalAndOpensWithASentence() {
    java.util.Map<String, CommandLine> commands = everyCommand(RunbookCli.commandLine(), "", new java.util.LinkedHashMap<>());
    assertThat(commands).containsKeys("runbook", "runbook deploy", "runbook rollback", "runbook sandbox up", "runbook worker");
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    for (java.util.Map.Entry<String, CommandLine> command : commands.entrySet()) {
      String help = command.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (String line : help.split("\\R")) {
        soft.assertThat(line.length()).as(command.getKey() + " --help line: " + line).isLessThanOrEqualTo(80);
      }
      String[] description = command.getValue().getCommandSpec().usageMessage().description();
      soft.assertThat(description).as(command.getKey() + " has a description").isNotEmpty();
      // Prose is wrapped by picocli; an indented line (an example, an aligned list) must fit as written.
      for (String line : description) {
        String shown = String.format(line.replace("%n", ""));
        if (shown.startsWith(" ")) {
          soft.assertThat(shown.length()).as(command.getKey() + ": an indented line picocli would wrap: " + shown)
              .isLessThanOrEqualTo(80);
        }
      }
      if (description.length > 0) {
        soft.assertThat(description[0].strip()).as(command.getKey() + ": the first line is the summary sentence")
            .matches("[A-Z].*[.]");
      }
    }
    soft.assertAll();
  }

  @Test
  void devServerPassesItsArgumentsToTheScript() {
    assertThat(run("dev-server", "--help")).isEqualTo(0);
    assertThat(run("dev-server", "--no-such-option")).as("the script's own usage error").isEqualTo(1);
  }

  @Test
  void anUnknownCommandIsBadUsageEvenWithHelp() {
    assertThat(run("nosuch", "--help")).isEqualTo(1);
    assertThat(err.toString()).contains("nosuch");
  }

  @Test
  void helpTeachesWithExamplesAndExitCodes() {
    assertThat(run("deploy", "--help")).isEqualTo(0);
    assertThat(out.toString()).contains("./runbook deploy --env sandbox --version v2.5.0 --wait")
        .contains("Exit codes");
  }

  @Test
  void theShippedDocumentsPassRunbooksCheck() {
    assertThat(run("runbooks", "check", "../runbooks/maintenance-marker.yaml")).isEqualTo(0);
    assertThat(out.toString()).contains("../runbooks/maintenance-marker.yaml: valid (8 steps, parameters: reason)");
  }

  @Test
  void runbooksCheckNamesFileLineAndFieldAndExits1(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(file, """
        name: bad
        description: one step with a typo
        steps:
          - id: "1"
            title: Write
            run: {command: "echo {reason}", timeout: 5}
        """);
    assertThat(run("runbooks", "check", file.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains(file + ":6: steps[0].run.timeout: property 'timeout' is not defined in the schema");
  }

  @Test
  void aParameterThatIsNotNameEqualsValueIsBadUsage() {
    assertThat(run("run", "maintenance-marker", "--env", "sandbox", "--param", "reason", "--address", "127.0.0.1:1"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--param \"reason\" is not NAME=VALUE");
  }

  @Test
  void aBadDocumentNameIsRejectedBeforeContactingTemporal() {
    assertThat(run("run", "Maintenance", "--env", "sandbox", "--address", "127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).contains("runbook \"Maintenance\" is not a document name");
  }
}
