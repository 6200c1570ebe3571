package io.spacetime.runbook.starter.client;

import java.time.Duration;

/**
 * A query or an update got no answer in time: the run exists, but no worker processed the call
 * (none polls the task queue, or it is overloaded). Answered at once instead of hanging; an update
 * that timed out may still be applied once a worker starts, so check the run before repeating it.
 */
public final class NoAnswerException extends RuntimeException {

  public NoAnswerException(String workflowId, String call, Duration waited, String taskQueue) {
    super("no worker answered the " + call + " of " + workflowId + " within " + waited.toSeconds()
        + " s: is a worker polling task queue '" + taskQueue + "'? (start one with ./runbook worker)");
  }
}
