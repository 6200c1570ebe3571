package io.spacetime.runbook.starter.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.starter.client.UpdateRejectedException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns what can go wrong in a CLI command into one line that says what to do, and exit code 1.
 * Stack traces only with {@code RUNBOOK_DEBUG=1}.
 */
public final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    command.getErr().println(command.getColorScheme().errorText("error: " + describe(e, addressAsked(parseResult))));
    if (System.getenv("RUNBOOK_DEBUG") != null) {
      e.printStackTrace(command.getErr());
    }
    return ExitCodes.ERROR;
  }

  /** The address the command was given with {@code --address}, or the environment's. */
  static String addressAsked(ParseResult parseResult) {
    String address = null;
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--address")) {
        address = p.matchedOptionValue("--address", address);
      }
    }
    return address != null ? address : TemporalSettings.fromEnvironment().address();
  }

  public static String describe(Throwable e) {
    return describe(e, TemporalSettings.fromEnvironment().address());
  }

  /** {@code address}: the Temporal frontend the command talked to, named when it cannot be reached. */
  public static String describe(Throwable e, String address) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return grpc(s, address);
      }
      if (t instanceof ApplicationFailure af) {
        return af.getOriginalMessage();
      }
      root = t;
    }
    if (e instanceof WorkflowExecutionAlreadyStarted) {
      return "a run with this workflow id is already running: " + e.getMessage();
    }
    if (e instanceof WorkflowNotFoundException) {
      return "no such workflow: " + e.getMessage();
    }
    if (e instanceof UpdateRejectedException) {
      return "the workflow refused the update: " + e.getMessage();
    }
    if (e instanceof WorkflowUpdateException) {
      return "the workflow refused the update: " + root.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String grpc(StatusRuntimeException s, String address) {
    if (s.getStatus().getCode() == Status.Code.UNAVAILABLE || s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "cannot reach Temporal at " + address
          + " (" + s.getStatus().getCode() + "). Start one with `./runbook dev-server` or `./runbook worker --embedded`,"
          + " or give its address with --address or TEMPORAL_ADDRESS.";
    }
    if (s.getStatus().getCode() == Status.Code.NOT_FOUND) {
      return "not found: " + s.getStatus().getDescription();
    }
    return s.getStatus().getCode() + ": " + s.getStatus().getDescription();
  }
}
