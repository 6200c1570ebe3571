package io.spacetime.runbook.adapters.dns;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.CONFIGURATION_INVALID;

import io.spacetime.runbook.ports.dns.DnsActivities;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsActivities} with dnsjava: one query per name straight to the resolver, no cache of
 * ours, so the TTL is the one the server answers with (what {@code dig} shows), and CNAMEs are
 * followed as far as the answer (or a further query) takes them.
 */
public final class DnsActivitiesImpl implements DnsActivities {

  private static final Logger log = LoggerFactory.getLogger(DnsActivitiesImpl.class);

  /** Below the quick activity's two minutes, so a silent resolver is an answer, not an activity timeout. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_CNAMES = 8;

  @Override
  public DnsAnswer lookup(String name, String resolver) {
    long started = System.nanoTime();
    Name query = parseName(name);
    Resolver dns = resolver(resolver == null ? "" : resolver);
    List<DnsAnswer.Record> records = new ArrayList<>();
    List<String> cnames = new ArrayList<>();
    String rcode;
    try {
      Name asked = query;
      while (true) {
        Message response = dns.send(Message.newQuery(Record.newRecord(asked, Type.A, DClass.IN)));
        rcode = Rcode.string(response.getRcode());
        Name next = null;
        for (Record answer : response.getSection(Section.ANSWER)) {
          if (answer instanceof ARecord a) {
            records.add(new DnsAnswer.Record(a.getAddress().getHostAddress(), a.getTTL()));
          } else if (answer instanceof CNAMERecord c) {
            cnames.add(c.getTarget().toString(true));
            next = c.getTarget();
          }
        }
        // A CNAME answered without the records it points at: ask for the target.
        if (!records.isEmpty() || next == null || response.getRcode() != Rcode.NOERROR || cnames.size() > MAX_CNAMES) {
          break;
        }
        asked = next;
      }
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      log.info("DNS lookup of {} via {} failed: {}", name, describe(resolver), why);
      return new DnsAnswer(name, describe(resolver), "", List.of(), cnames, "no answer from " + describe(resolver)
          + " within " + QUERY_TIMEOUT.toSeconds() + " s: " + why, elapsedMs(started));
    }
    log.info("DNS lookup of {} via {}: {} {} (CNAMEs {})", name, describe(resolver), rcode, records, cnames);
    return new DnsAnswer(name, describe(resolver), rcode, records, cnames, "", elapsedMs(started));
  }

  private static Name parseName(String name) {
    try {
      if (name == null || name.isBlank()) {
        throw new TextParseException("empty");
      }
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw nonRetryable(CONFIGURATION_INVALID, "dns.record \"" + name + "\" is not a DNS name: " + e.getMessage());
    }
  }

  /** {@code host}, {@code host:port} or {@code [v6]:port}; empty: the worker's own resolvers. */
  private static Resolver resolver(String resolver) {
    try {
      SimpleResolver dns;
      if (resolver.isEmpty()) {
        dns = new SimpleResolver();
      } else {
        int colon = resolver.lastIndexOf(':');
        boolean hasPort = colon > 0 && resolver.indexOf(':') == colon || resolver.startsWith("[");
        String host = hasPort ? resolver.substring(0, colon).replaceAll("^\\[(.*)]$", "$1") : resolver;
        dns = new SimpleResolver(host);
        if (hasPort) {
          dns.setPort(Integer.parseInt(resolver.substring(colon + 1)));
        }
      }
      dns.setTimeout(QUERY_TIMEOUT);
      return dns;
    } catch (IOException | NumberFormatException e) {
      throw nonRetryable(CONFIGURATION_INVALID, "dns.resolver \"" + resolver + "\" is not host, host:port or"
          + " [address]:port: " + e.getMessage());
    }
  }

  private static String describe(String resolver) {
    return resolver == null || resolver.isEmpty() ? "the worker's resolvers" : resolver;
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
