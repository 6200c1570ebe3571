package io.spacetime.runbook.cli;

import io.spacetime.runbook.adapters.document.DocumentProblem;
import io.spacetime.runbook.adapters.document.DocumentReader;
import io.spacetime.runbook.starter.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./runbook runbooks}: the runbook documents. */
@Command(name = "runbooks",
    description = {"Runbook documents (runbooks/NAME.yaml): declarative runbooks the worker interprets.",
        "", "Example:", "  ./runbook runbooks check runbooks/*.yaml"},
    mixinStandardHelpOptions = true,
    subcommands = RunbooksCommand.Check.class)
public final class RunbooksCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The same validation the worker makes when a run loads the document (the JSON Schema, then the
   * document rules), without a worker or a server: exit 0 when every file is valid, 1 otherwise,
   * with each problem as {@code file:line: field: what is wrong}.
   */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Validate runbook documents against the JSON Schema and the document rules.",
          "Every problem is shown with its file, line and field. Exit 0 when all are valid, 1 otherwise."})
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Documents to check (NAME.yaml).")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      boolean allValid = true;
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".yaml")) {
          err.println(file + ": a runbook document is a .yaml file named after the document (NAME.yaml)");
          allValid = false;
          continue;
        }
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println(file + ": cannot be read: " + e.getMessage());
          allValid = false;
          continue;
        }
        DocumentReader.Reading reading = DocumentReader.read(file.toString(),
            fileName.substring(0, fileName.length() - ".yaml".length()), text);
        if (reading.valid()) {
          out.println(file + ": valid (" + reading.document().steps().size() + " steps, parameters: "
              + (reading.document().parameters().isEmpty() ? "none" : String.join(", ", reading.document().parameters().keySet()))
              + ")");
        } else {
          reading.problems().stream().map(DocumentProblem::toString).forEach(err::println);
          allValid = false;
        }
      }
      return allValid ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
