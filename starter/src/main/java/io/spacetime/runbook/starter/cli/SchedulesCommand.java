package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.starter.schedules.RunbookSchedules.Applied;
import io.spacetime.runbook.starter.schedules.RunbookSchedules.Listed;
import io.spacetime.runbook.starter.schedules.RunbookSchedules;
import io.spacetime.runbook.starter.schedules.ScheduleFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "schedules",
    description = {
        "Run runbook documents on Temporal Schedules, from one YAML file.",
        "A schedule starts a document on an environment by cron or interval;",
        "they show in the Web UI's Schedules page. Needs a server with the",
        "Schedule API (./runbook dev-server or a cluster; the embedded test",
        "server has none: there, start documents with ./runbook run).",
        "",
        "Examples:",
        "  ./runbook schedules apply runbooks/schedules.yaml --dry-run",
        "  ./runbook schedules apply runbooks/schedules.yaml",
        "  ./runbook schedules list",
        "  ./runbook schedules pause nightly-backup-production --reason \"DB move\"",
        "  ./runbook schedules trigger daily-health-check-production",
        "  ./runbook schedules backfill nightly-backup-production \\",
        "      --from 2026-12-01T00:00:00Z --to 2026-12-02T00:00:00Z"},
    mixinStandardHelpOptions = true,
    subcommands = {SchedulesCommand.Apply.class, SchedulesCommand.ListAll.class, SchedulesCommand.Pause.class,
        SchedulesCommand.Unpause.class, SchedulesCommand.Trigger.class, SchedulesCommand.Backfill.class})
public final class SchedulesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static String user() {
    return Optional.ofNullable(System.getenv("USER")).orElse("someone");
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Create or update the schedules a file lists; idempotent.",
          "An unchanged entry is left alone, so applying twice changes nothing;",
          "an operator's pause survives a re-apply. Schedules made by apply",
          "that the file no longer lists are reported, and deleted with --prune.",
          "The whole file is checked first: one bad entry changes nothing."})
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "FILE", description = "The schedules file (YAML, a 'schedules:' list).")
    Path file;

    @Option(names = "--dry-run", description = "Print what would change; change nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Delete schedules made by apply that FILE no longer lists.")
    boolean prune;

    @Override
    public Integer call() {
      ScheduleFile schedules = ScheduleFile.load(file);
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection connection = client.connect()) {
        List<Applied> done = RunbookSchedules.on(connection).apply(schedules, dryRun, prune, "./runbook schedules apply "
            + file.getFileName() + " by " + user());
        for (Applied a : done) {
          out.printf("%-12s %s%s%n", (dryRun ? "would be " : "") + a.change().name().toLowerCase().replace('_', ' '),
              a.id(), a.when().isEmpty() ? "" : "  " + a.when());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List the server's schedules: what runs, when, the next run.",
          "Paused ones show the note that says who paused them and why."})
  static final class ListAll implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (TemporalConnection connection = client.connect()) {
        List<Listed> all = RunbookSchedules.on(connection).list();
        if (all.isEmpty()) {
          out.println("no schedules (./runbook schedules apply FILE creates them)");
        }
        for (Listed s : all) {
          out.println(s.id() + (s.paused() ? "  PAUSED: " + s.note() : ""));
          out.println("  runs " + (s.runbookAndEnvironment().isEmpty() ? s.workflowType() : s.runbookAndEnvironment())
              + (s.when().isEmpty() ? "" : ", " + s.when()));
          out.println("  next " + s.nextRun().map(Instant::toString).orElse("-") + ", last "
              + s.lastRun().map(Instant::toString).orElse("-") + ", " + s.runs() + " run(s) so far");
        }
        return ExitCodes.OK;
      }
    }
  }

  /** pause and unpause: one schedule, a reason kept as its note (who and why, shown by list). */
  abstract static class PauseState implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "SCHEDULE_ID", description = "The schedule (schedules list shows them).") String id;
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; kept as the schedule's note.")
    String reason;

    abstract String done();

    abstract void change(RunbookSchedules schedules, String note);

    @Override
    public Integer call() {
      try (TemporalConnection connection = client.connect()) {
        change(RunbookSchedules.on(connection), done() + " by " + user() + ": " + reason);
        spec.commandLine().getOut().println(done().substring(0, 1).toUpperCase() + done().substring(1) + " " + id);
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Stop a schedule from starting runs until unpause.")
  static final class Pause extends PauseState {
    @Override
    String done() {
      return "paused";
    }

    @Override
    void change(RunbookSchedules schedules, String note) {
      schedules.pause(id, note);
    }
  }

  @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Let a paused schedule start runs again.")
  static final class Unpause extends PauseState {
    @Override
    String done() {
      return "unpaused";
    }

    @Override
    void change(RunbookSchedules schedules, String note) {
      schedules.unpause(id, note);
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = {"Start a schedule's run now, as if it were due.",
          "The schedule's overlap policy applies unless --overlap says otherwise."})
  static final class Trigger implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "SCHEDULE_ID", description = "The schedule (schedules list shows them).") String id;
    @Option(names = "--overlap", paramLabel = "POLICY",
        description = "skip, buffer-one, buffer-all, cancel-other, terminate-other or allow-all.")
    String overlap;

    @Override
    public Integer call() {
      checkOverlap(spec, overlap);
      try (TemporalConnection connection = client.connect()) {
        RunbookSchedules.on(connection).trigger(id, Optional.ofNullable(overlap));
        spec.commandLine().getOut().println("Triggered " + id + " (./runbook schedules list shows the run)");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "backfill", mixinStandardHelpOptions = true,
      description = {"Run now what fell due between two instants (a missed night).",
          "Instants in ISO-8601 UTC, e.g. 2026-12-01T02:00:00Z."})
  static final class Backfill implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "SCHEDULE_ID", description = "The schedule (schedules list shows them).") String id;
    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "Start of the period.")
    String from;
    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "End of the period.")
    String to;
    @Option(names = "--overlap", paramLabel = "POLICY", defaultValue = "allow-all",
        description = "How the backfilled runs overlap (default: ${DEFAULT-VALUE}).")
    String overlap;

    @Override
    public Integer call() {
      checkOverlap(spec, overlap);
      Instant start = instant(spec, "--from", from);
      Instant end = instant(spec, "--to", to);
      if (!end.isAfter(start)) {
        throw new ParameterException(spec.commandLine(), "--to (" + to + ") must be after --from (" + from + ")");
      }
      try (TemporalConnection connection = client.connect()) {
        RunbookSchedules.on(connection).backfill(id, start, end, overlap);
        spec.commandLine().getOut().println("Backfilled " + id + " from " + start + " to " + end);
        return ExitCodes.OK;
      }
    }
  }

  private static void checkOverlap(CommandSpec spec, String overlap) {
    if (overlap != null && !RunbookSchedules.OVERLAPS.contains(overlap)) {
      throw new ParameterException(spec.commandLine(), "--overlap '" + overlap + "' is not one of "
          + String.join(", ", RunbookSchedules.OVERLAPS));
    }
  }

  private static Instant instant(CommandSpec spec, String option, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not an ISO-8601 instant like"
          + " 2026-12-01T02:00:00Z");
    }
  }
}
