package io.spacetime.runbook.adapters.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.MotoAws;
import io.spacetime.runbook.deployment.gates.Route53Gate;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 1.4 against a real Route 53 API (moto server): the record read and judged, its TTL lowered and restored. */
class DnsRecordActivitiesTest {

  static final String RECORD = "spacetime-api.company.test";
  static final List<String> PRODUCTION = List.of("10.0.1.50", "10.0.1.51");

  final MotoAws aws = new MotoAws();
  final DnsRecordActivitiesImpl records = new DnsRecordActivitiesImpl(aws.clients, Duration.ofMillis(100));
  String zone;

  @BeforeEach
  void aZone() {
    zone = aws.hostedZone("company.test");
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void aRecordOfTheProductionAddressesWithALowTtlPasses() {
    aws.aRecord(zone, RECORD, 300, "10.0.1.50", "10.0.1.51");

    DnsRecordSet record = records.readRecord(aws.route53(zone, RECORD, "", PRODUCTION));

    assertEquals(List.of("10.0.1.50", "10.0.1.51"), record.values());
    assertEquals(300, record.ttlSeconds());
    assertTrue(Route53Gate.pointsAt(record, "", PRODUCTION).passed());
    assertTrue(Route53Gate.ttl(record, 300).passed());
  }

  @Test
  void aRecordPointingElsewhereWithAHighTtlFailsBoth() {
    aws.aRecord(zone, RECORD, 3600, "10.9.9.9");

    DnsRecordSet record = records.readRecord(aws.route53(zone, RECORD, "", PRODUCTION));

    assertFalse(Route53Gate.pointsAt(record, "", PRODUCTION).passed());
    assertTrue(Route53Gate.pointsAt(record, "", PRODUCTION).reason().contains("points at 10.9.9.9; production is"));
    assertEquals(RECORD + " TTL 3600 s > 300 s: lower it before the deployment (or set aws.route53.deploymentTtlSeconds),"
        + " so a rollback reaches clients within 300 s", Route53Gate.ttl(record, 300).reason());
  }

  @Test
  void anAliasToTheProductionLoadBalancerPassesAndToAnotherFails() {
    aws.aliasRecord(zone, RECORD, "spacetime-lb-1.us-east-1.elb.amazonaws.com");

    DnsRecordSet record = records.readRecord(aws.route53(zone, RECORD, "spacetime-lb-1.us-east-1.elb.amazonaws.com", null));

    assertTrue(record.alias());
    assertTrue(Route53Gate.pointsAt(record, "spacetime-lb-1.us-east-1.elb.amazonaws.com.", List.of()).passed());
    assertTrue(Route53Gate.ttl(record, 300).passed(), "an alias takes the target's TTL");
    assertFalse(Route53Gate.pointsAt(record, "old-lb.us-east-1.elb.amazonaws.com", List.of()).passed());
  }

  @Test
  void aMissingRecordIsReportedNotFound() {
    DnsRecordSet record = records.readRecord(aws.route53(zone, RECORD, "", PRODUCTION));

    assertFalse(record.found());
    assertTrue(Route53Gate.pointsAt(record, "", PRODUCTION).reason().contains("no A record of that name"));
  }

  @Test
  void lowersTheTtlAndRestoresIt() {
    aws.aRecord(zone, RECORD, 3600, "10.0.1.50");
    AwsSettings settings = aws.route53(zone, RECORD, "", PRODUCTION);

    DnsRecordSet lowered = records.setTtl(settings, 60);
    assertTrue(Route53Gate.ttlSet(lowered, 60).passed(), lowered.toString());
    assertEquals(60, records.readRecord(settings).ttlSeconds());
    assertEquals(List.of("10.0.1.50"), records.readRecord(settings).values(), "the values are kept");

    DnsRecordSet restored = records.setTtl(settings, 3600);
    assertTrue(Route53Gate.ttlSet(restored, 3600).passed());
    assertEquals(3600, records.readRecord(settings).ttlSeconds());
    assertTrue(Route53Gate.ttlSet(records.setTtl(settings, 3600), 3600).passed(), "setting it again changes nothing");
  }

  @Test
  void anUnknownZoneIsRefusedWithAwsErrorCode() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> records.readRecord(aws.route53("Z0000000000NOPE", RECORD, "", PRODUCTION)));

    assertEquals("AwsRequestRefused", failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("NoSuchHostedZone: "), failure.getOriginalMessage());
  }
}
