package io.spacetime.runbook.adapters.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.testing.Dnsmasq;
import io.spacetime.runbook.deployment.gates.DnsGate;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import io.spacetime.runbook.ports.dns.DnsSettings;
import io.temporal.failure.ApplicationFailure;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runbook 1.4 lookups against a real DNS server (dnsmasq) with the records and TTLs the gate judges. */
class DnsActivitiesTest {

  static Dnsmasq lowTtl;
  static Dnsmasq highTtl;
  final DnsActivitiesImpl dns = new DnsActivitiesImpl();

  @BeforeAll
  static void startServers() throws Exception {
    List<String> records = List.of("host-record=api.sandbox.test,127.0.55.1", "host-record=api.sandbox.test,127.0.55.2",
        "cname=www.sandbox.test,api.sandbox.test");
    lowTtl = Dnsmasq.start("sandbox.test", 300, records);
    highTtl = Dnsmasq.start("sandbox.test", 3600, records);
  }

  @AfterAll
  static void stopServers() throws Exception {
    lowTtl.close();
    highTtl.close();
  }

  @Test
  void readsTheAddressesAndTheirTtlAsTheServerAnswers() {
    DnsAnswer answer = dns.lookup("api.sandbox.test", lowTtl.resolver());
    assertEquals("NOERROR", answer.rcode());
    assertEquals("", answer.error());
    assertEquals(List.of("127.0.55.1", "127.0.55.2"), answer.records().stream().map(DnsAnswer.Record::address).sorted().toList());
    assertTrue(answer.records().stream().allMatch(r -> r.ttlSeconds() == 300), answer.records().toString());

    DnsSettings settings = new DnsSettings("api.sandbox.test", lowTtl.resolver(), List.of(), 300, "");
    assertTrue(DnsGate.pointsAt(answer, List.of("127.0.55.1", "127.0.55.2")).passed());
    assertFalse(DnsGate.pointsAt(answer, List.of("127.0.55.1", "127.0.55.9")).passed());
    assertTrue(DnsGate.ttl(answer, settings.maxTtlSeconds()).passed());
  }

  @Test
  void aTtlAboveTheRunbooksThreeHundredSecondsFailsTheGate() {
    DnsAnswer answer = dns.lookup("api.sandbox.test", highTtl.resolver());
    assertTrue(answer.records().stream().allMatch(r -> r.ttlSeconds() == 3600), answer.records().toString());
    assertFalse(DnsGate.ttl(answer, 300).passed());
  }

  @Test
  void followsACname() {
    DnsAnswer answer = dns.lookup("www.sandbox.test", lowTtl.resolver());
    assertEquals(List.of("api.sandbox.test"), answer.cnames());
    assertEquals(2, answer.records().size());
  }

  @Test
  void anUnknownNameIsAnNxdomainAnswerNotAFailure() {
    DnsAnswer answer = dns.lookup("nope.sandbox.test", lowTtl.resolver());
    assertEquals("NXDOMAIN", answer.rcode());
    assertEquals(List.of(), answer.records());
    assertFalse(DnsGate.pointsAt(answer, List.of("127.0.55.1")).passed());
  }

  @Test
  void aSilentResolverIsAnAnswerWithTheReason() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      DnsAnswer answer = dns.lookup("api.sandbox.test", "127.0.0.1:" + silent.getLocalPort());
      assertTrue(answer.error().contains("no answer from 127.0.0.1:" + silent.getLocalPort()), answer.error());
      assertFalse(DnsGate.pointsAt(answer, List.of("127.0.55.1")).passed());
    }
  }

  @Test
  void aMalformedNameIsAConfigurationProblem() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> dns.lookup("bad..name", lowTtl.resolver()));
    assertEquals("ConfigurationInvalid", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("dns.record"), failure.getOriginalMessage());
  }
}
