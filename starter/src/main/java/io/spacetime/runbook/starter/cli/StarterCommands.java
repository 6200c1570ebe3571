package io.spacetime.runbook.starter.cli;

import java.util.List;

/** The client commands this module contributes to the {@code runbook} CLI. */
public final class StarterCommands {

  private StarterCommands() {}

  public static List<Object> all() {
    return List.of(new DeployCommand(), new RollbackCommand(), new StatusCommand(), new AbortCommand(), new ApproveCommand(),
        new DecideCommand(), new ContinueCommand(), new ResumeCommand(), new SchedulesCommand(), new IncidentCommand(),
        new IntakeCommand(), new RunCommand(), new NoteCommand());
  }
}
