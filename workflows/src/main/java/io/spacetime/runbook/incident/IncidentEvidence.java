package io.spacetime.runbook.incident;

import static io.spacetime.runbook.service.EvidenceOf.commands;
import static io.spacetime.runbook.service.EvidenceOf.observed;

import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.ports.incident.DiskUsageReport.SizedPath;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.MitigationReport;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.spacetime.runbook.ports.probes.EndpointSample;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Report evidence from the incident runbook's readings and actions, with units. */
final class IncidentEvidence {

  private IncidentEvidence() {}

  static Evidence logs(LogErrorCounts c) {
    return commands(c.host(), "count error patterns in the last " + c.linesRead() + " log lines", c.commands(),
        c.logFound() ? observed("matches", c.counts().toString(), "examples", String.join(" | ", c.examples()))
            : observed("log", "not read: " + c.why()));
  }

  static Evidence endpoints(String host, List<EndpointSample> samples) {
    String lines = samples.stream().map(s -> s.name() + ": " + s.requests() + " requests, " + s.statuses()
        + ", avg " + Measures.ms(s.averageMs()) + ", p95 " + Measures.ms(s.p95Ms())
        + (s.lastError().isEmpty() ? "" : ", last error: " + s.lastError())).collect(Collectors.joining("\n"));
    int requests = samples.stream().mapToInt(EndpointSample::requests).sum();
    int errors = samples.stream().mapToInt(s -> s.serverErrors() + s.noAnswer()).sum();
    int unauthorized = samples.stream().mapToInt(EndpointSample::unauthorized).sum();
    return new Evidence(host, "sample " + samples.size() + " endpoints", requests + " requests", lines,
        observed("error rate", requests == 0 ? "" : String.format("%.1f %%", 100.0 * errors / requests),
            "unauthorized", requests == 0 ? "" : String.format("%.1f %%", 100.0 * unauthorized / requests)), 0);
  }

  static Evidence disk(DiskUsageReport d) {
    return commands(d.host(), "space usage under the deploy root", d.commands(), observed(
        "used", String.format("%.1f %% (%s)", d.usedPercent(), d.basis()),
        "largest entries", sized(d.entries()),
        "old logs", sized(d.oldLogs()),
        "core dumps", sized(d.coreDumps()),
        "temp files", sized(d.tempFiles())));
  }

  static Evidence memory(MemoryTrend m) {
    return commands(m.host(), "resident memory of the service, " + m.rssKb().size() + " samples " + m.intervalSeconds()
        + " s apart", m.commands(), observed(
        "RSS (MB)", m.rssKb().stream().map(kb -> String.valueOf(kb / 1024)).collect(Collectors.joining(", ")),
        "growth", String.format("%.0f MB/hour", Findings.growthMbPerHour(m)),
        "pids", m.pids().stream().distinct().map(String::valueOf).collect(Collectors.joining(", ")),
        "OOM killer", m.oomLines().isEmpty() ? "no lines" : String.join(" | ", m.oomLines())));
  }

  static Evidence scenes(SceneFilesReport s) {
    return commands(s.host(), "scene files of " + s.releaseDir(), s.commands(), observed(
        "checked", String.join(", ", s.checked()),
        "missing", String.join(", ", s.missing()),
        "unreadable", String.join(", ", s.unreadable()),
        "not text", String.join(", ", s.notText()),
        "restorable from", s.restorableFrom()));
  }

  static Evidence portHolder(PortHolder p) {
    return commands(p.host(), "who listens on port " + p.port(), p.commands(), p.held()
        ? observed("pid", String.valueOf(p.pid()), "command", p.commandLine(), "working directory", p.workingDir(),
            "is the service", p.isService() ? "yes" : "no")
        : observed("listener", "none" + (p.why().isEmpty() ? "" : ": " + p.why())));
  }

  static Evidence mitigation(MitigationReport r) {
    return commands(r.host(), r.action(), r.commands(), observed(
        "changed", r.changed() ? "yes" : "no: nothing to do",
        "summary", r.summary(),
        "freed", r.freedBytes() > 0 ? Measures.mb(r.freedBytes()) : "",
        "affected", String.join(", ", r.affected())));
  }

  /** The timeline's short form of a mitigation. */
  static Map<String, String> brief(MitigationReport r) {
    return observed("changed", r.changed() ? "yes" : "no", "freed", r.freedBytes() > 0 ? Measures.mb(r.freedBytes()) : "",
        "affected", String.join(", ", r.affected().stream().limit(5).toList()));
  }

  private static String sized(List<SizedPath> paths) {
    return paths.stream().limit(5).map(p -> p.path() + " " + Measures.mb(p.bytes())).collect(Collectors.joining(", "));
  }
}
