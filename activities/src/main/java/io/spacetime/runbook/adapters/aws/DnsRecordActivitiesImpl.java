package io.spacetime.runbook.adapters.aws;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.AWS_REQUEST_REFUSED;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.DnsRecordActivities;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.spacetime.runbook.ports.aws.Route53Settings;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * 1.4 in Route 53: reads the production A record (or alias), and sets its TTL with an UPSERT of
 * the same values, waiting (heartbeating) until Route 53 says the change is INSYNC.
 */
public final class DnsRecordActivitiesImpl implements DnsRecordActivities {

  /** Route 53 propagates a change to its name servers within about 60 s. */
  static final Duration INSYNC_WAIT = Duration.ofSeconds(90);

  private final AwsClients clients;
  private final Duration pollInterval;

  public DnsRecordActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(5));
  }

  public DnsRecordActivitiesImpl(AwsClients clients, Duration pollInterval) {
    this.clients = clients;
    this.pollInterval = pollInterval;
  }

  @Override
  public DnsRecordSet readRecord(AwsSettings aws) {
    Route53Settings zone = aws.route53();
    return find(aws).map(r -> toRecord(zone, r, ""))
        .orElse(new DnsRecordSet(zoneId(zone), zone.recordName(), false, "", -1, null, null, null));
  }

  @Override
  public DnsRecordSet setTtl(AwsSettings aws, int ttlSeconds) {
    Route53Settings zone = aws.route53();
    ResourceRecordSet current = find(aws).orElseThrow(() -> nonRetryable(AWS_REQUEST_REFUSED, "zone " + zoneId(zone)
        + " has no A record " + zone.recordName() + ": check aws.route53.recordName and aws.route53.hostedZoneId"));
    if (current.aliasTarget() != null) {
      throw nonRetryable(AWS_REQUEST_REFUSED, zone.recordName() + " is an alias record: it has no TTL of its own to set"
          + " (remove aws.route53.deploymentTtlSeconds)");
    }
    if (current.ttl() != null && current.ttl() == ttlSeconds) {
      return toRecord(zone, current, ChangeStatus.INSYNC.toString());
    }
    ResourceRecordSet changed = current.toBuilder().ttl((long) ttlSeconds).build();
    Route53Client route53 = clients.route53(aws.endpointUrl());
    String status = call(zone, "ChangeResourceRecordSets UPSERT", () -> {
      String changeId = route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId(zone)).changeBatch(b -> b
          .comment("runbook: TTL of " + zone.recordName() + " to " + ttlSeconds + " s")
          .changes(c -> c.action(ChangeAction.UPSERT).resourceRecordSet(changed)))).changeInfo().id();
      return awaitInsync(route53, changeId);
    });
    return toRecord(zone, changed, status);
  }

  /** Polls GetChange until INSYNC or {@link #INSYNC_WAIT}; returns the last status seen. */
  private String awaitInsync(Route53Client route53, String changeId) {
    long deadline = System.nanoTime() + INSYNC_WAIT.toNanos();
    while (true) {
      ChangeStatus status = route53.getChange(r -> r.id(changeId)).changeInfo().status();
      ActivityContext.heartbeat("change " + changeId + " " + status);
      if (status == ChangeStatus.INSYNC || System.nanoTime() > deadline) {
        return status.toString();
      }
      sleep();
    }
  }

  private Optional<ResourceRecordSet> find(AwsSettings aws) {
    Route53Settings zone = aws.route53();
    Route53Client route53 = clients.route53(aws.endpointUrl());
    return call(zone, "ListResourceRecordSets", () -> route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId(zone))
        .startRecordName(zone.recordName()).startRecordType(RRType.A).maxItems("1")).resourceRecordSets().stream()
        .filter(r -> sameName(r.name(), zone.recordName()) && r.type() == RRType.A).findFirst());
  }

  private static <T> T call(Route53Settings zone, String action, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsFailures.of(e, "route53 " + action + " of " + zone.recordName() + " in zone " + zoneId(zone),
          "aws.route53.hostedZoneId and aws.route53.recordName");
    }
  }

  private static DnsRecordSet toRecord(Route53Settings zone, ResourceRecordSet r, String changeStatus) {
    String alias = r.aliasTarget() == null ? "" : stripDot(r.aliasTarget().dnsName());
    return new DnsRecordSet(zoneId(zone), stripDot(r.name()), true, r.typeAsString(), r.ttl() == null ? -1 : r.ttl(),
        r.resourceRecords().stream().map(ResourceRecord::value).toList(), alias, changeStatus);
  }

  /** {@code Z123}, whether the file wrote {@code Z123} or {@code /hostedzone/Z123}. */
  static String zoneId(Route53Settings zone) {
    String id = zone.hostedZoneId();
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  private static boolean sameName(String a, String b) {
    return stripDot(a).equalsIgnoreCase(stripDot(b));
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Route 53", e);
    }
  }
}
