package io.spacetime.runbook.core;

/**
 * A startable workflow's input (one JSON object, as the Web UI sends it) that checks itself:
 * every problem at once, with {@link InputRules}' messages.
 */
public interface WorkflowInput {

  /** Throws {@link InvalidInputException} listing every problem; returns when the run may start. */
  void validate();

  /**
   * The first act of every startable workflow: a missing or invalid input fails the run at once,
   * before any activity, with a non-retryable {@value InvalidInputException#TYPE} failure that
   * says what to fix ({@code what} and {@code example} name the input when it is missing).
   */
  static void require(WorkflowInput input, String what, String example) {
    Failures.rejectInvalidInput(() -> {
      if (input == null) {
        throw new InvalidInputException(what + " is required: " + example);
      }
      input.validate();
    });
  }
}
