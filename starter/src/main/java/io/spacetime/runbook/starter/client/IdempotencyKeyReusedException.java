package io.spacetime.runbook.starter.client;

/**
 * An {@code Idempotency-Key} already named a run started with a different request: the run it
 * names is left alone and nothing new is started. Use a new key for a new request.
 */
public final class IdempotencyKeyReusedException extends RuntimeException {

  private final String workflowId;

  public IdempotencyKeyReusedException(String workflowId) {
    super("this Idempotency-Key was already used for a different request (run " + workflowId
        + "); send a new key for a new request");
    this.workflowId = workflowId;
  }

  public String workflowId() {
    return workflowId;
  }
}
