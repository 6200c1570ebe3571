package io.spacetime.runbook.ports.probes;

import java.util.Map;

/**
 * What {@code rounds} requests to one endpoint answered: the error rate and the response times the
 * incident runbook measures (High Error Rate, Slow Response Times, Authentication Failures).
 *
 * @param statuses HTTP status -> count ({@code 0} for requests that got no answer: refused, timed out)
 * @param serverErrors 5xx answers
 * @param unauthorized 401 and 403 answers
 * @param noAnswer requests that got no HTTP answer at all
 * @param lastError the last failure or error body seen (bounded), empty when none
 */
public record EndpointSample(
    String name, String url, int requests, Map<Integer, Integer> statuses, int serverErrors, int unauthorized,
    int noAnswer, double averageMs, double p95Ms, double maxMs, String lastError) {

  public EndpointSample {
    statuses = statuses == null ? Map.of() : Map.copyOf(statuses);
    lastError = lastError == null ? "" : lastError;
  }

  /** 5xx and unanswered requests as a share of all, 0..1. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) (serverErrors + noAnswer) / requests;
  }
}
