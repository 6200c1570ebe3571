package io.spacetime.runbook.sandbox.commands;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code runbook sandbox up|down|status|release|induce|clear}: local target hosts for the
 * deployment and incident runbooks, running in the background between commands. Works as a subcommand of the
 * {@code runbook} CLI and on its own ({@link #main}). State lives in {@code $RUNBOOK_HOME}
 * ({@code ./.runbook} by default): the sandbox in {@code sandbox/}, its environment file in
 * {@code environments/sandbox.yaml}.
 */
@Command(name = "sandbox",
    description = {
        "Local target hosts for the deployment and incident runbooks.",
        "",
        "Each host has its own loopback address (127.0.0.2, 127.0.0.3, ...), an SSH server on port "
            + "2222, the runbook's /opt/spacetime layout and a running stand-in SpaceTime service. "
            + "'up' also writes the environment file 'sandbox': deploy with --env sandbox to reach "
            + "these hosts.",
        "",
        "State lives in $RUNBOOK_HOME (default ./.runbook): the hosts in sandbox/, the environment file "
            + "in environments/sandbox.yaml."},
    subcommands = {SandboxUpCommand.class, SandboxStatusCommand.class, SandboxReleaseCommand.class,
        SandboxInduceCommand.class, SandboxClearCommand.class, SandboxDownCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./runbook sandbox up                    # 3 hosts, embedded SSH servers",
        "  ./runbook deploy --env sandbox --version v2.5.0",
        "  ./runbook sandbox release v2.6.0 --fault never-ready",
        "  ./runbook deploy --env sandbox --version v2.6.0   # fails its gate, rolls back",
        "  ./runbook sandbox induce host-1 errors            # an incident, for real",
        "  ./runbook sandbox status",
        "  ./runbook sandbox down"})
public final class SandboxCommand implements Runnable {

  private final SandboxHome home;

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  /** Uses {@code $RUNBOOK_HOME}. */
  public SandboxCommand() {
    this(SandboxHome.fromEnvironment());
  }

  /** State in {@code home} instead of {@code $RUNBOOK_HOME}: for a CLI that embeds this tree, and tests. */
  public SandboxCommand(Path home) {
    this(new SandboxHome(home.toAbsolutePath().normalize()));
  }

  private SandboxCommand(SandboxHome home) {
    this.home = home;
  }

  /** Standalone use; under the {@code runbook} CLI its own error handling applies instead. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SandboxCommand());
    cli.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
      commandLine.getErr().println("sandbox " + commandLine.getCommandName() + ": " + failure.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  SandboxHome home() {
    return home;
  }

  /** {@code --dir} if given, else {@code $RUNBOOK_HOME/sandbox}. */
  Path sandboxDir(Path override) {
    return override == null ? home.sandboxDir() : override.toAbsolutePath().normalize();
  }
}
