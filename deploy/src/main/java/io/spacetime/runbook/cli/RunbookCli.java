package io.spacetime.runbook.cli;

import io.spacetime.runbook.bench.BenchCommand;
import io.spacetime.runbook.coverage.RunbooksCommand;
import io.spacetime.runbook.demo.DemoCommand;
import io.spacetime.runbook.sandbox.commands.SandboxCommand;
import io.spacetime.runbook.starter.cli.CliErrors;
import io.spacetime.runbook.starter.cli.ExitCodes;
import io.spacetime.runbook.starter.cli.StarterCommands;
import io.spacetime.runbook.worker.CodecServerCommand;
import io.spacetime.runbook.worker.WorkerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ./runbook}: one command line for everything — start and steer runs, run the worker, the
 * sandbox, the demo, the dev server and the benchmark. This module is the assembly: it is the only
 * one that sees the worker, the starter and the sandbox together.
 */
@Command(name = "runbook",
    description = {
        "Executable runbooks on Temporal: durable workflows that check every gate and roll back by themselves.",
        "",
        "Start here:",
        "  ./runbook demo                  embedded Temporal + a 3-host sandbox: a good",
        "                                  release, then a bad one that rolls back",
        "  ./runbook worker --embedded     a worker with an in-process Temporal server",
        "  ./runbook sandbox up --hosts 3  local target hosts + environment 'sandbox'",
        "  ./runbook deploy --env sandbox --version v2.5.0 --wait",
        "  ./runbook run maintenance-marker --env sandbox --param reason=drill --wait",
        "",
        "Exit codes: 0 SUCCEEDED, 2 ROLLED_BACK/ABORTED/CANCELLED, 3 ROLLBACK_FAILED,",
        "1 bad usage or an error."},
    mixinStandardHelpOptions = true,
    versionProvider = RunbookCli.Version.class,
    subcommands = {WorkerCommand.class, SandboxCommand.class, DemoCommand.class, DevServerCommand.class,
        BenchCommand.class, CodecServerCommand.class, RunbooksCommand.class, CommandLine.HelpCommand.class})
public final class RunbookCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Logging.configureFor(args);
    int exit = commandLine().execute(args);
    System.exit(exit);
  }

  /** The whole command tree, with error handling that prints one actionable line. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RunbookCli());
    StarterCommands.all().forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(new CliErrors());
    // Exit code 2 means "stopped safely" (ROLLED_BACK/ABORTED) to release automation; bad usage is 1.
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      usage.handleParseException(e, args);
      return ExitCodes.ERROR;
    });
    cli.setUsageHelpAutoWidth(true);
    cli.setExecutionStrategy(RunbookCli::refuseUnknownCommands);
    return cli;
  }

  /**
   * With {@code --help} picocli prints the help of the last command it recognised and ignores the
   * rest: {@code ./runbook schedules --help} would show the top-level help and exit 0 as if
   * "schedules" existed. An argument no command took is bad usage, help or not.
   */
  private static int refuseUnknownCommands(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (!last.unmatched().isEmpty() && last.isUsageHelpRequested()) {
      throw new CommandLine.ParameterException(last.commandSpec().commandLine(), "Unknown command or argument: '"
          + String.join(" ", last.unmatched()) + "' (see '" + last.commandSpec().qualifiedName() + " --help')");
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RunbookCli.class.getPackage().getImplementationVersion();
      return new String[] {"runbook " + (v == null ? "(development build)" : v)};
    }
  }
}
