package io.spacetime.runbook.ports.dns;

import java.util.List;

/**
 * What a DNS server answered for a name's A records: the addresses, each with its TTL, the chain
 * of CNAMEs followed, and the response code ({@code NOERROR}, {@code NXDOMAIN}, ...).
 *
 * @param error why no answer arrived (timeout, unreachable resolver), empty when one did
 */
public record DnsAnswer(
    String name, String resolver, String rcode, List<Record> records, List<String> cnames, String error, long durationMs) {

  /** One A record of the answer. */
  public record Record(String address, long ttlSeconds) {}

  public DnsAnswer {
    name = name == null ? "" : name;
    resolver = resolver == null ? "" : resolver;
    rcode = rcode == null ? "" : rcode;
    records = records == null ? List.of() : records;
    cnames = cnames == null ? List.of() : cnames;
    error = error == null ? "" : error;
  }
}
