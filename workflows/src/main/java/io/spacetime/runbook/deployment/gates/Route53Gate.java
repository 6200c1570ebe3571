package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import java.util.List;

/**
 * Runbook 1.4 DNS Configuration read from Route 53: the production record points at the
 * production endpoint (an alias to it, or A records of its addresses), with a TTL low enough for a
 * quick rollback.
 */
public final class Route53Gate {

  public static final String GATE = "route 53";

  private Route53Gate() {}

  /** "DNS records point to current production". */
  public static GateResult pointsAt(DnsRecordSet r, String expectedAlias, List<String> expectedAddresses) {
    String record = r.name() + " in zone " + r.hostedZoneId();
    if (!r.found()) {
      return GateResult.fail(GATE, record + ": no A record of that name (aws.route53.recordName)");
    }
    if (!expectedAlias.isEmpty()) {
      return r.alias() && sameName(r.aliasTarget(), expectedAlias)
          ? GateResult.pass(GATE, record + " is an alias to " + r.aliasTarget() + ": current production")
          : GateResult.fail(GATE, record + " points at " + target(r) + ", not at the production endpoint "
              + expectedAlias + " (aws.route53.expectedAliasTarget)");
    }
    List<String> foreign = r.values().stream().filter(v -> !expectedAddresses.contains(v)).toList();
    return !r.alias() && !r.values().isEmpty() && foreign.isEmpty()
        ? GateResult.pass(GATE, record + " -> " + String.join(", ", r.values()) + ": current production")
        : GateResult.fail(GATE, record + " points at " + target(r) + "; production is "
            + String.join(", ", expectedAddresses));
  }

  /** "TTL reduced to 300 seconds": an alias takes its target's TTL (60 s for ELB) and passes. */
  public static GateResult ttl(DnsRecordSet r, int maxTtlSeconds) {
    if (r.alias()) {
      return GateResult.pass(GATE, r.name() + " is an alias: resolvers get the target's TTL, not one of its own");
    }
    return r.ttlSeconds() <= maxTtlSeconds
        ? GateResult.pass(GATE, r.name() + " TTL " + r.ttlSeconds() + " s <= " + maxTtlSeconds + " s")
        : GateResult.fail(GATE, r.name() + " TTL " + r.ttlSeconds() + " s > " + maxTtlSeconds + " s: lower it before the"
            + " deployment (or set aws.route53.deploymentTtlSeconds), so a rollback reaches clients within "
            + maxTtlSeconds + " s");
  }

  /** The TTL change took: Route 53 holds {@code ttlSeconds} and says INSYNC. */
  public static GateResult ttlSet(DnsRecordSet r, int ttlSeconds) {
    return r.ttlSeconds() == ttlSeconds && "INSYNC".equals(r.changeStatus())
        ? GateResult.pass(GATE, r.name() + " TTL is " + ttlSeconds + " s (INSYNC)")
        : GateResult.fail(GATE, r.name() + " TTL is " + r.ttlSeconds() + " s (" + r.changeStatus() + "), not "
            + ttlSeconds + " s");
  }

  private static String target(DnsRecordSet r) {
    return r.alias() ? "alias " + r.aliasTarget() : r.values().isEmpty() ? "nothing" : String.join(", ", r.values());
  }

  private static boolean sameName(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    // Route 53 stores ELB alias targets as "dualstack.<name>"; both reach the same load balancer.
    return n.toLowerCase().startsWith("dualstack.") ? n.substring("dualstack.".length()) : n;
  }
}
