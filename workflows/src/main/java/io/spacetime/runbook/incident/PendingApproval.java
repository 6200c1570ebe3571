package io.spacetime.runbook.incident;

import java.util.Map;

/**
 * A risky action waiting for a person: what it would do, on which host, why the evidence calls for
 * it, and until when it waits before the incident escalates.
 *
 * @param id what {@code approve} and {@code reject} name: {@code kill-port-holder@api-1}
 * @param deadline workflow time (epoch ms) after which the wait escalates
 */
public record PendingApproval(String id, String description, String host, Map<String, String> evidence,
    long requestedAt, long deadline) {

  public PendingApproval {
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }
}
