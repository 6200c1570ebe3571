package io.spacetime.runbook.ports.dns;

import io.temporal.activity.ActivityInterface;

/** Runbook 1.4: DNS lookups from the worker, as {@code dig} does them. */
@ActivityInterface
public interface DnsActivities {

  /**
   * The A records of {@code name} from {@code resolver} ({@code host[:port]}, or the worker's
   * resolvers when empty), following CNAMEs. Never fails for an answer the gate should judge (no
   * record, NXDOMAIN, a timeout): those are in the answer.
   */
  DnsAnswer lookup(String name, String resolver);
}
