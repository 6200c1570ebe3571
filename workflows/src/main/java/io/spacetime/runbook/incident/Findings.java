package io.spacetime.runbook.incident;

import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.StatusReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an investigation measured, per host: the evidence scenarios are picked by and severity is
 * assessed from. Filled by {@link IncidentTools}' readings; read by the playbooks' pure decisions.
 */
final class Findings {

  /** The thresholds the scenarios' decisions use. */
  IncidentSettings settings = IncidentSettings.runbookDefaults();
  /** Step 8's "memory usage normal" limit, for the memory-pressure scenario. */
  double maxServiceMemoryGb = 4.0;

  final Map<String, StatusReport> status = new LinkedHashMap<>();
  final Map<String, ServiceState> service = new LinkedHashMap<>();
  final Map<String, LogErrorCounts> logs = new LinkedHashMap<>();
  final Map<String, List<EndpointSample>> endpoints = new LinkedHashMap<>();
  final Map<String, ServiceUsage> usage = new LinkedHashMap<>();
  final Map<String, DiskUsageReport> disk = new LinkedHashMap<>();
  final Map<String, MemoryTrend> memory = new LinkedHashMap<>();
  final Map<String, SceneFilesReport> scenes = new LinkedHashMap<>();
  final Map<String, PortHolder> portHolders = new LinkedHashMap<>();
  final Map<String, ReleaseState> releases = new LinkedHashMap<>();
  final Map<String, LogScan> logScans = new LinkedHashMap<>();
  /** Each host's service log size when the fix began, so verification reads only what came after. */
  final Map<String, Long> logOffsets = new LinkedHashMap<>();

  /** Hosts whose /status did not answer 200 with overall_ready true. */
  List<String> hostsNotReady() {
    return status.entrySet().stream()
        .filter(e -> !(e.getValue().httpStatus() == 200 && e.getValue().overallReady()))
        .map(Map.Entry::getKey).toList();
  }

  /** Hosts whose /status got no HTTP answer at all. */
  List<String> hostsNotAnswering() {
    return status.entrySet().stream().filter(e -> e.getValue().httpStatus() == 0).map(Map.Entry::getKey).toList();
  }

  /** Hosts whose service is not active. */
  List<String> hostsInactive() {
    return service.entrySet().stream().filter(e -> !e.getValue().active()).map(Map.Entry::getKey).toList();
  }

  /** Hosts where something other than the service holds the API port. */
  List<String> hostsWithForeignPortHolder() {
    return portHolders.entrySet().stream().filter(e -> e.getValue().held() && !e.getValue().isService())
        .map(Map.Entry::getKey).toList();
  }

  /** Hosts whose debug adapter or language server is not connected (state 2). */
  List<String> hostsWithAdaptersDown() {
    return status.entrySet().stream()
        .filter(e -> e.getValue().httpStatus() == 200
            && (e.getValue().debugAdapterState() != 2 || e.getValue().languageServerState() != 2))
        .map(Map.Entry::getKey).toList();
  }

  List<EndpointSample> allSamples() {
    List<EndpointSample> all = new ArrayList<>();
    endpoints.values().forEach(all::addAll);
    return all;
  }

  int requests() {
    return allSamples().stream().mapToInt(EndpointSample::requests).sum();
  }

  /** 5xx and unanswered requests over all sampled requests, in percent. */
  double errorRatePercent() {
    int requests = requests();
    int errors = allSamples().stream().mapToInt(s -> s.serverErrors() + s.noAnswer()).sum();
    return requests == 0 ? 0 : 100.0 * errors / requests;
  }

  /** 401/403 answers over all sampled requests, in percent. */
  double unauthorizedPercent() {
    int requests = requests();
    int unauthorized = allSamples().stream().mapToInt(EndpointSample::unauthorized).sum();
    return requests == 0 ? 0 : 100.0 * unauthorized / requests;
  }

  /** The request-weighted average response time of every sample. */
  double averageMs() {
    int requests = requests();
    return requests == 0 ? 0 : allSamples().stream().mapToDouble(s -> s.averageMs() * s.requests()).sum() / requests;
  }

  /** The worst endpoint's 95th percentile. */
  double p95Ms() {
    return allSamples().stream().mapToDouble(EndpointSample::p95Ms).max().orElse(0);
  }

  /** The endpoint with the most 5xx and unanswered requests, "" when none failed. */
  String topFailingEndpoint() {
    Map<String, Integer> byName = new LinkedHashMap<>();
    allSamples().forEach(s -> byName.merge(s.name(), s.serverErrors() + s.noAnswer(), Integer::sum));
    return byName.entrySet().stream().filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse("");
  }

  /** The highest disk use measured on any host, in percent. */
  double worstDiskPercent() {
    return disk.values().stream().mapToDouble(DiskUsageReport::usedPercent).max().orElse(0);
  }

  /** Hosts whose scene files are missing, unreadable or not text. */
  List<String> hostsWithSceneProblems() {
    return scenes.entrySet().stream().filter(e -> !e.getValue().healthy()).map(Map.Entry::getKey).toList();
  }

  /** Resident memory growth of a host's service in MB per hour over its samples (0 with fewer than 2). */
  static double growthMbPerHour(MemoryTrend trend) {
    List<Long> rss = trend.rssKb().stream().filter(v -> v > 0).toList();
    if (rss.size() < 2 || trend.intervalSeconds() <= 0) {
      return 0;
    }
    double hours = (rss.size() - 1) * trend.intervalSeconds() / 3600.0;
    return (rss.get(rss.size() - 1) - rss.get(0)) / 1024.0 / hours;
  }

  /** True when the resident memory rose between most consecutive samples (a leak, not one spike). */
  static boolean risesSteadily(MemoryTrend trend) {
    List<Long> rss = trend.rssKb().stream().filter(v -> v > 0).toList();
    if (rss.size() < 3) {
      return false;
    }
    int rises = 0;
    for (int i = 1; i < rss.size(); i++) {
      if (rss.get(i) > rss.get(i - 1)) {
        rises++;
      }
    }
    return rises >= (rss.size() - 1) * 0.7;
  }

  /** Hosts whose memory grows at least {@code threshold} MB per hour, steadily. */
  List<String> hostsLeaking(double threshold) {
    return memory.entrySet().stream()
        .filter(e -> risesSteadily(e.getValue()) && growthMbPerHour(e.getValue()) >= threshold)
        .map(Map.Entry::getKey).toList();
  }

  /** True when any host's kernel log shows the OOM killer, or its service uses over 90 % of its memory. */
  boolean outOfMemoryImminent() {
    return memory.values().stream().anyMatch(m -> !m.oomLines().isEmpty()
        || (m.memTotalKb() > 0 && !m.rssKb().isEmpty() && m.rssKb().get(m.rssKb().size() - 1) > 0.9 * m.memTotalKb()));
  }
}
