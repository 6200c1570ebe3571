package io.spacetime.runbook.cli;

import io.spacetime.runbook.starter.cli.CliErrors;
import io.spacetime.runbook.starter.cli.ExitCodes;
import io.spacetime.runbook.starter.cli.StarterCommands;
import io.spacetime.runbook.worker.CodecServerCommand;
import io.spacetime.runbook.worker.WorkerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ./runbook}: one command line for everything — start and steer runs, run the worker, the
 * intake and the codec server (the production commands, this module), plus whatever
 * {@link MoreCommands} the classpath carries (the sandbox, the demo, the dev server and the bench,
 * from the deploy module, which {@code ./runbook} runs with; the container image leaves them out).
 */
@Command(name = "runbook",
    mixinStandardHelpOptions = true,
    versionProvider = RunbookCli.Version.class)
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
    List<String> startHere = new ArrayList<>();
    cli.addSubcommand(new WorkerCommand());
    for (MoreCommands more : ServiceLoader.load(MoreCommands.class, RunbookCli.class.getClassLoader())) {
      more.commands().forEach(cli::addSubcommand);
      startHere.addAll(more.startHere());
    }
    cli.addSubcommand(new CodecServerCommand());
    cli.addSubcommand(new RunbooksCommand());
    cli.addSubcommand(new CommandLine.HelpCommand());
    StarterCommands.all().forEach(cli::addSubcommand);
    for (MoreCommands more : ServiceLoader.load(MoreCommands.class, RunbookCli.class.getClassLoader())) {
      more.subcommands().forEach((parent, children) -> children.forEach(cli.getSubcommands().get(parent)::addSubcommand));
    }
    cli.getCommandSpec().usageMessage().description(description(startHere));
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

  private static String[] description(List<String> startHere) {
    List<String> lines = new ArrayList<>(List.of(
        "Executable runbooks on Temporal: durable workflows that check every gate and roll back by themselves.",
        "",
        "Start here:"));
    lines.addAll(startHere);
    lines.addAll(List.of(
        "  runbook worker                  the worker, against $TEMPORAL_ADDRESS",
        "  runbook intake                  the HTTP intake (alerts, runs)",
        "  runbook deploy --env ENV --version VERSION --wait",
        "  runbook run NAME --env ENV --param KEY=VALUE --wait   (a runbook document)",
        "",
        "Exit codes: 0 SUCCEEDED, 2 ROLLED_BACK/ABORTED/CANCELLED, 3 ROLLBACK_FAILED,",
        "1 bad usage or an error."));
    return lines.toArray(String[]::new);
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
