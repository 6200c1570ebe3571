package io.spacetime.runbook.ports.aws;

import io.temporal.activity.ActivityInterface;

/** Runbook 1.4 "DNS Configuration" in Route 53: the production record and its TTL. */
@ActivityInterface
public interface DnsRecordActivities {

  /** The record {@code aws.route53.recordName} (type A) as the hosted zone holds it. */
  DnsRecordSet readRecord(AwsSettings aws);

  /**
   * Sets the record's TTL to {@code ttlSeconds}, keeping its values, and waits until Route 53 reports
   * the change INSYNC. Idempotent: a record already at that TTL is left alone. An alias record has
   * no TTL of its own and is refused.
   */
  DnsRecordSet setTtl(AwsSettings aws, int ttlSeconds);
}
