package io.spacetime.runbook.starter.resume;

/** The run cannot be resumed; the message says why and what to do instead. */
public final class NotResumableException extends RuntimeException {

  public NotResumableException(String message) {
    super(message);
  }
}
