package io.spacetime.runbook.ports.probes;

import io.temporal.activity.ActivityInterface;

/** The {@code http} steps of runbook documents: one request from the worker, with a timeout. */
@ActivityInterface
public interface HttpRequests {

  /**
   * {@code method} ({@code GET}, {@code POST}, {@code PUT}, {@code DELETE}) to {@code url}, with
   * {@code jsonBody} when it is not empty. No answer (refused, timed out) is an exchange with status
   * 0 and the error, not a failure: the step's gate judges it.
   */
  HttpExchange httpRequest(String method, String url, String jsonBody);
}
