package io.spacetime.runbook.core;

/**
 * A workflow input or update argument that breaks an {@link InputRules} rule. Workflows turn it
 * into a non-retryable {@code ApplicationFailure} of type {@value #TYPE}; the CLI shows it before
 * starting anything.
 */
public final class InvalidInputException extends IllegalArgumentException {

  public static final String TYPE = "InvalidInput";

  public InvalidInputException(String message) {
    super(message);
  }
}
