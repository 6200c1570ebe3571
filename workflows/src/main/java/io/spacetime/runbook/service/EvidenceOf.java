package io.spacetime.runbook.service;

import static io.spacetime.runbook.core.Measures.gb;
import static io.spacetime.runbook.core.Measures.ms;
import static io.spacetime.runbook.core.Measures.number;
import static io.spacetime.runbook.core.Measures.percent;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what an activity observed into report {@link Evidence}: the commands or requests as they
 * ran, and the measured values by name with their units ("disk free" -> "40.2 GB"), so the report
 * shows what each gate decided on.
 */
public final class EvidenceOf {

  private EvidenceOf() {}

  public static Evidence command(CommandEvidence c) {
    String output = c.stderrTail().isBlank() ? c.stdoutTail() : c.stdoutTail() + "\n" + c.stderrTail();
    return new Evidence(c.host(), c.command(), "exit " + c.exitCode(), output, Map.of(), c.durationMs());
  }

  public static Evidence resources(ServerResources r) {
    return commands(r.host(), "measure server resources under " + r.path(), r.commands(), observed(
        "disk free", gb(r.diskFreeGb()),
        "memory available", gb(r.memoryAvailableGb()),
        "load average (1 min)", number(r.loadAverage1m()),
        "cores", String.valueOf(r.cores()),
        "writable", yesNo(r.writable()),
        "disk errors in dmesg", r.diskErrors() == null ? "" : String.valueOf(r.diskErrors())));
  }

  public static Evidence ports(PortUsage u) {
    Map<String, String> observed = new LinkedHashMap<>();
    u.ports().forEach(p -> observed.put("port " + p.port(),
        p.listening() ? (p.process().isEmpty() ? "listening" : p.process()) + (p.pid() > 0 ? " (pid " + p.pid() + ")" : "") : "free"));
    return commands(u.host(), "list listeners on the service ports", u.commands(), observed);
  }

  public static Evidence certificate(CertificateInfo c, String host) {
    return new Evidence(host, "read certificate " + c.source(), c.error().isEmpty() ? "read" : "unreadable", c.error(),
        observed("subject", c.subject(),
            "not after", c.notAfterEpochSeconds() == 0 ? "unknown" : Instant.ofEpochSecond(c.notAfterEpochSeconds()).toString()),
        0);
  }

  public static Evidence stagedRelease(StagedRelease s) {
    return commands(s.host(), "inspect the staged release", s.commands(), observed(
        "present", yesNo(s.present()),
        "VERSION", s.version(),
        "git checkout", yesNo(s.gitCheckout()),
        "git describe", s.gitDescribe(),
        "commit", s.commit(),
        "work tree clean", yesNo(s.clean()),
        "missing or unreadable", String.join(", ", s.missingFiles()),
        "unreadable files", s.unreadableFiles() == null ? "" : String.valueOf(s.unreadableFiles())));
  }

  public static Evidence tools(String host, List<ToolVersion> tools) {
    Map<String, String> observed = new LinkedHashMap<>();
    tools.forEach(t -> observed.put(t.tool(), (t.found() ? t.version() : "not found") + " (needs >= " + t.minVersion() + ")"));
    return commands(host, "ask each required tool its version", tools.stream().map(ToolVersion::command).filter(Objects::nonNull).toList(), observed);
  }

  public static Evidence backup(BackupArchive b) {
    return commands(b.host(), "back up the current release", b.commands(), observed(
        "archive", b.archive(),
        "size", Measures.mb(b.sizeBytes()),
        "entries", String.valueOf(b.entries()),
        "verified", yesNo(b.verified()),
        "config copies", String.join(", ", b.configCopies()),
        "config absent (recorded)", String.join(", ", b.configAbsent()),
        "reused", yesNo(b.reused())));
  }

  public static Evidence release(ReleaseState s) {
    return commands(s.host(), "inspect the production link", s.commands(), observed(
        "production", s.currentDir() + (s.currentVersion().isEmpty() ? "" : " (" + s.currentVersion() + ")"),
        "production.backup", s.backupDir(),
        "releases", String.join(", ", s.releaseDirs()),
        "history", s.history().isEmpty() ? "none" : s.history().size() + " moves, last: "
            + describe(s.history().get(s.history().size() - 1))));
  }

  private static String describe(io.spacetime.runbook.ports.hosts.ReleaseEvent e) {
    return e.time() + " " + e.kind().word() + " " + (e.fromDir().isEmpty() ? "" : e.fromDir() + " -> ") + e.toDir()
        + " by " + e.workflowId();
  }

  public static Evidence copy(ReleaseCopy c) {
    return commands(c.host(), "copy staging/ to " + c.releaseDir(), c.commands(),
        observed("release directory", c.releaseDir(), "files", String.valueOf(c.files())));
  }

  public static Evidence switched(ReleaseSwitch s) {
    return commands(s.host(), "point production at " + s.toDir(), s.commands(),
        observed("from", s.fromDir(), "to", s.toDir(), "already in place", yesNo(s.alreadyInPlace())));
  }

  public static Evidence config(ConfigInstall c) {
    Map<String, String> observed = new LinkedHashMap<>(c.ports());
    if (!c.envMode().isEmpty()) {
      observed.put(".env mode", c.envMode());
    }
    if (c.autoloadSection() != null) {
      observed.put("project.godot [autoload]", yesNo(c.autoloadSection()));
    }
    return commands(c.host(), "install config as " + c.target(), c.commands(), observed);
  }

  public static Evidence network(NetworkReport n) {
    Map<String, String> observed = new LinkedHashMap<>();
    observed.put("firewall", n.firewallUnreadable().isEmpty() ? n.firewallRules().size() + " INPUT rules"
        : "not read: " + n.firewallUnreadable());
    if (!n.internalHostname().isEmpty()) {
      observed.put(n.internalHostname(), n.resolvedAddresses().isEmpty() ? "does not resolve " + n.resolveError()
          : String.join(", ", n.resolvedAddresses()));
    }
    n.latencies().forEach(l -> observed.put("latency to " + l.endpoint(), l.error().isEmpty() ? ms(l.millis()) : l.error()));
    return commands(n.host(), "inspect the network", n.commands(), observed);
  }

  public static Evidence dns(DnsAnswer a) {
    return new Evidence("", "dig " + a.name() + (a.resolver().isEmpty() ? "" : " @" + a.resolver()),
        a.error().isEmpty() ? a.rcode() : "no answer", a.error(), observed(
            "A records", String.join(", ", a.records().stream().map(r -> r.address() + " (TTL " + r.ttlSeconds() + " s)")
                .toList()),
            "CNAMEs", String.join(" -> ", a.cnames())),
        a.durationMs());
  }

  public static Evidence usage(ServiceUsage u) {
    return commands(u.host(), "sample the service's CPU and memory for " + u.sampleMillis() + " ms", u.commands(),
        u.unknown().isEmpty() ? observed(
            "pid", u.pidBefore() == u.pidAfter() ? String.valueOf(u.pidAfter()) : u.pidBefore() + " then " + u.pidAfter(),
            "CPU", percent(u.cpuPercent()),
            "resident memory", Measures.mb(u.residentBytes()))
            : observed("not measured", u.unknown()));
  }

  public static Evidence service(ServiceState s) {
    return commands(s.host(), "service state", s.commands(), observed(
        "active", yesNo(s.active()),
        "start", s.startSkipped() ? "skipped: already active" : "",
        "listening ports", s.listeningPorts().toString(),
        "serving from", s.servingDir().isEmpty() ? (s.servingDirUnknown().isEmpty() ? "" : "unknown: " + s.servingDirUnknown())
            : s.servingDir(),
        "log offset", String.valueOf(s.logOffset())));
  }

  public static Evidence logScan(LogScan s) {
    return new Evidence(s.host(), s.command().command(), "exit " + s.command().exitCode(), String.join("\n", s.sample()),
        observed("log file", s.logFile(), "from byte", String.valueOf(s.fromOffset()), "matching lines", String.valueOf(s.matches())),
        s.command().durationMs());
  }

  public static Evidence status(StatusReport r, String host) {
    return new Evidence(host, "GET " + r.url(), r.httpStatus() == 0 ? "no answer" : "HTTP " + r.httpStatus(),
        r.error().isEmpty() ? r.bodyTail() : r.error(),
        observed("overall_ready", String.valueOf(r.overallReady()),
            "debug_adapter.state", String.valueOf(r.debugAdapterState()),
            "language_server.state", String.valueOf(r.languageServerState()),
            "polls", String.valueOf(r.attempts())),
        r.waitedMs());
  }

  public static Evidence http(HttpExchange e, String host) {
    return new Evidence(host, e.method() + " " + e.url(), e.status() == 0 ? "no answer" : "HTTP " + e.status(),
        e.error().isEmpty() ? e.bodyTail() : e.error(), Map.of(), e.durationMs());
  }

  public static Evidence telemetry(TelemetryProbe p, String host) {
    return new Evidence(host, "connect " + p.url(), p.connected() ? "connected" : "not connected", p.error(),
        observed("first event", p.firstEvent()), p.durationMs());
  }

  public static Evidence responseTimes(ResponseTimes r, String host) {
    return new Evidence(host, r.count() + " x GET " + r.url(), r.failures() + " failed", "",
        observed("average", ms(r.averageMs()), "max", ms(r.maxMs())), 0);
  }

  public static Evidence loadTest(LoadTestReport r, String host) {
    return new Evidence(host, r.users() + " users x " + r.durationSeconds() + " s GET " + r.url(),
        r.totalRequests() + " requests", "", observed(
            "success rate", percent(r.successPercent()),
            "errors", String.valueOf(r.errors()),
            "average", ms(r.averageMs()),
            "95th percentile", ms(r.p95Ms()),
            "99th percentile", ms(r.p99Ms()),
            "max", ms(r.maxMs())),
        r.durationSeconds() * 1000L);
  }

  public static Evidence delivery(String title, Delivery d) {
    return new Evidence("", "notify: " + title, "delivered", "", observed("channels", String.join(", ", d.channels())), 0);
  }

  public static Evidence registration(TargetRegistration r) {
    return new Evidence(r.host(), "register " + r.targetId() + " with the load balancer", r.state(), r.detail(), Map.of(), 0);
  }

  /** Evidence without an activity record: what the workflow itself saw or was told. */
  public static Evidence note(String host, String action, String result, Map<String, String> observed) {
    return Evidence.note(host, action, result, observed);
  }

  /** One evidence line for an observation made of several commands: all of them, and what they measured. */
  public static Evidence commands(String host, String what, List<CommandEvidence> commands, Map<String, String> observed) {
    if (commands.isEmpty()) {
      return new Evidence(host, what, "", "", observed, 0);
    }
    String action = String.join(" ; ", commands.stream().map(CommandEvidence::command).toList());
    int worst = commands.stream().mapToInt(CommandEvidence::exitCode).filter(code -> code != 0).findFirst().orElse(0);
    String output = String.join("\n", commands.stream()
        .map(c -> (c.stdoutTail() + "\n" + c.stderrTail()).strip())
        .filter(text -> !text.isEmpty())
        .toList());
    long duration = commands.stream().mapToLong(CommandEvidence::durationMs).sum();
    return new Evidence(host, action, "exit " + worst, output, observed, duration);
  }

  /** Pairs of name and value, in order; empty values are left out. */
  public static Map<String, String> observed(String... namesAndValues) {
    Map<String, String> observed = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value != null && !value.isEmpty()) {
        observed.put(namesAndValues[i], value);
      }
    }
    return observed;
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
