package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.document.StepNote;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "note",
    description = {"Answer a runbook document's note step (the on-call shift start's handoff notes).",
        "Who writes it and what it says are recorded in the run's report as evidence.",
        "", "Example:", "  ./runbook note runbook-oncall-shift-start-production-20251202-080000-1a2b \\",
        "      --by Dana --text \"read Sam's handoff; the disk incident is mine\""},
    mixinStandardHelpOptions = true)
public final class NoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The run waiting on its note step (runbook-...).")
  String workflowId;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who writes the note.")
  String author;

  @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The note (at most 500 characters).")
  String text;

  @Override
  public Integer call() {
    StepNote note = new StepNote(author, text);
    note.validate();
    try (TemporalConnection connection = client.connect()) {
      spec.commandLine().getOut().println("Recorded: " + new RunbookClient(connection).noteStep(workflowId, note));
      return ExitCodes.OK;
    }
  }
}
