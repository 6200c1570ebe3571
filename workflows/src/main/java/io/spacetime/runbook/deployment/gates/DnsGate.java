package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import java.util.List;

/**
 * Runbook 1.4 DNS Configuration: the public record answers with the current production addresses
 * ({@code dig +short}), and its TTL is low enough for a quick rollback ({@code dig +noall +answer}).
 */
public final class DnsGate {

  public static final String GATE = "dns";

  private DnsGate() {}

  /** "DNS records point to current production": at least one A record, each one a production address. */
  public static GateResult pointsAt(DnsAnswer a, List<String> production) {
    String asked = a.name() + (a.resolver().isEmpty() ? "" : " at " + a.resolver());
    if (!a.error().isEmpty()) {
      return GateResult.fail(GATE, "no answer for " + asked + ": " + a.error());
    }
    if (a.records().isEmpty()) {
      return GateResult.fail(GATE, asked + " has no A record (" + a.rcode() + ")");
    }
    List<String> answered = a.records().stream().map(DnsAnswer.Record::address).distinct().toList();
    List<String> foreign = answered.stream().filter(address -> !production.contains(address)).toList();
    String via = a.cnames().isEmpty() ? "" : " via " + String.join(" -> ", a.cnames());
    return foreign.isEmpty()
        ? GateResult.pass(GATE, asked + via + " -> " + String.join(", ", answered) + ": current production")
        : GateResult.fail(GATE, asked + via + " -> " + String.join(", ", answered) + ": " + String.join(", ", foreign)
            + " is not production (" + String.join(", ", production) + ")");
  }

  /** "TTL reduced to 300 seconds": every A record's TTL at most {@code maxTtlSeconds}. */
  public static GateResult ttl(DnsAnswer a, int maxTtlSeconds) {
    long highest = a.records().stream().mapToLong(DnsAnswer.Record::ttlSeconds).max().orElse(0);
    return highest <= maxTtlSeconds
        ? GateResult.pass(GATE, a.name() + " TTL " + highest + " s <= " + maxTtlSeconds + " s")
        : GateResult.fail(GATE, a.name() + " TTL " + highest + " s > " + maxTtlSeconds + " s: lower it before the"
            + " deployment, so a rollback reaches clients within " + maxTtlSeconds + " s");
  }
}
