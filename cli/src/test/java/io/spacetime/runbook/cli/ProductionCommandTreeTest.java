package io.spacetime.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** On this module's classpath (the image's: no deploy module, no sandbox) the tree has the production commands only. */
class ProductionCommandTreeTest {

  @Test
  void theProductionTreeHasTheServicesAndTheRunCommandsAndNothingOfTheDevelopmentTools() {
    CommandLine cli = RunbookCli.commandLine();
    assertThat(cli.getSubcommands().keySet())
        .contains("worker", "intake", "codec-server", "deploy", "rollback", "status", "resume", "incident", "help")
        .doesNotContain("sandbox", "demo", "bench", "dev-server");
    assertThat(String.join("\n", cli.getCommandSpec().usageMessage().description()))
        .contains("runbook worker").doesNotContain("demo").doesNotContain("sandbox");
  }

  @Test
  void noSandboxClassIsOnTheProductionClasspath() {
    assertThat(getClass().getClassLoader().getResource("io/spacetime/runbook/sandbox/Sandbox.class")).isNull();
  }
}
