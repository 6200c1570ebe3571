package io.spacetime.runbook.incident;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.EnvironmentActivities;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.spacetime.runbook.ports.incident.BackupRetention;
import io.spacetime.runbook.ports.incident.DiskSettings;
import io.spacetime.runbook.ports.incident.DiskUsageReport;
import io.spacetime.runbook.ports.incident.IncidentIndexActivities;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.ports.incident.InvestigationActivities;
import io.spacetime.runbook.ports.incident.LogErrorCounts;
import io.spacetime.runbook.ports.incident.LogPattern;
import io.spacetime.runbook.ports.incident.MemoryTrend;
import io.spacetime.runbook.ports.incident.MitigationActivities;
import io.spacetime.runbook.ports.incident.MitigationReport;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.incident.SceneFilesReport;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.spacetime.runbook.ports.probes.EndpointCheck;
import io.spacetime.runbook.ports.probes.EndpointSample;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.PortReachability;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import io.spacetime.runbook.testing.SandboxEnvironment;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The activities an incident calls, answered from a small model of two hosts that can have each
 * of the runbook's seven incidents: a stopped service, a foreign process on the API port, a share
 * of 500s, slow answers, 401s, a missing scene, growing memory, a full deploy root. Like the real
 * thing, the runbook's fixes fix them (a restart clears what lives in the process, a clean-up frees
 * space), so a test sees the whole response. Every call is journalled.
 */
final class FakeIncidentWorld implements EnvironmentActivities, ServiceActivities, ProbeActivities, NotificationActivities,
    InvestigationActivities, MitigationActivities, IncidentIndexActivities, HostChecks {

  /** One host's condition. */
  static final class HostModel {
    volatile boolean active = true;
    volatile int foreignPid;
    volatile double errorPercent;
    volatile double slowMs;
    volatile boolean unauthorized;
    volatile boolean sceneMissing;
    volatile boolean leaking;
    volatile double diskPercent = 40;
    volatile boolean oldLogs;
    volatile boolean restartFixes = true;
    volatile long logSize = 1000;
    volatile int pid = 4242;
    /** Its log cannot be read over SSH (the connection fails every attempt). */
    volatile boolean logUnreadable;
  }

  final Map<String, HostModel> hosts = new ConcurrentHashMap<>(Map.of("api-1", new HostModel(), "api-2", new HostModel()));
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  final List<String> pages = new CopyOnWriteArrayList<>();
  final Map<String, IncidentSummary> index = new ConcurrentHashMap<>();
  volatile IncidentSettings settings = testSettings();
  volatile boolean recentDeployment;

  /** Short watches, so verification takes seconds of workflow time, not minutes. */
  static IncidentSettings testSettings() {
    return new IncidentSettings(null, Map.of("onCall", "olivia", "senior", "sam", "manager", "maria", "director", "dan"),
        null, null, null, 5, 1, 5, 3, 1, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, "touch {deployRoot}/restart.timer", null, null, null, null, null, null, null);
  }

  HostModel host(String name) {
    return hosts.get(name);
  }

  void all(java.util.function.Consumer<HostModel> change) {
    hosts.values().forEach(change);
  }

  long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  private void record(String call) {
    calls.add(call);
  }

  private HostModel of(HostContext h) {
    return hosts.get(h.name());
  }

  private String nameAt(String url) {
    String address = URI.create(url).getHost();
    return address.equals("10.0.0.1") ? "api-1" : "api-2";
  }

  // EnvironmentActivities

  @Override
  public Environment load(String name) {
    record("load " + name);
    return SandboxEnvironment.twoHosts().withIncident(settings).build();
  }

  // ServiceActivities

  @Override
  public ServiceState stopService(HostContext host, int timeoutSeconds) {
    record("stopService " + host.name());
    of(host).active = false;
    return new ServiceState(host.name(), false, List.of(), of(host).logSize, List.of());
  }

  @Override
  public ServiceState startService(HostContext host) {
    record("startService " + host.name());
    HostModel m = of(host);
    if (m.foreignPid > 0) {
      return new ServiceState(host.name(), false, List.of(), m.logSize, List.of());
    }
    m.active = true;
    m.pid++;
    if (m.restartFixes) {
      m.errorPercent = 0;
      m.slowMs = 0;
      m.unauthorized = false;
      m.leaking = false;
    }
    return new ServiceState(host.name(), true, List.of(8080), m.logSize, List.of(), false, "", "", m.pid, List.of());
  }

  @Override
  public ServiceState serviceState(HostContext host) {
    record("serviceState " + host.name());
    HostModel m = of(host);
    return new ServiceState(host.name(), m.active, m.active ? List.of(8080) : List.of(), m.logSize, List.of(), false, "", "",
        m.active ? m.pid : 0, List.of());
  }

  @Override
  public LogScan scanLog(HostContext host, long fromOffset, String pattern) {
    record("scanLog " + host.name() + " " + pattern);
    return new LogScan(host.name(), "service.log", fromOffset, 0, List.of(), new CommandEvidence(host.name(), "tail", 0, "0", "", 1));
  }

  @Override
  public CommandEvidence runServiceCommand(HostContext host, String command, int timeoutSeconds) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public CommandEvidence startStaging(HostContext host, StagingSettings staging, int timeoutSeconds) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public ServiceUsage measureUsage(HostContext host, int sampleMillis) {
    record("measureUsage " + host.name());
    HostModel m = of(host);
    return new ServiceUsage(host.name(), m.pid, m.pid, 5, 300_000_000L, sampleMillis, "", List.of());
  }

  // ProbeActivities

  @Override
  public StatusReport status(String statusUrl) {
    HostModel m = hosts.get(nameAt(statusUrl));
    record("status " + nameAt(statusUrl));
    return m.active && m.foreignPid == 0
        ? new StatusReport(statusUrl, 200, true, 2, 2, "{\"overall_ready\":true}", "", 0, 1)
        : new StatusReport(statusUrl, 0, false, -1, -1, "", "connection refused", 0, 1);
  }

  @Override
  public StatusReport awaitReady(String statusUrl, int timeoutSeconds) {
    return status(statusUrl);
  }

  @Override
  public HttpExchange post(String url, String jsonBody) {
    HostModel m = hosts.get(nameAt(url));
    record("post " + nameAt(url) + " " + URI.create(url).getPath());
    int status = !m.active ? 0 : m.sceneMissing && url.endsWith("/scene/load") ? 500 : 200;
    return new HttpExchange("POST", url, status, "{}", "", 3);
  }

  @Override
  public TelemetryProbe probeTelemetry(String url, int timeoutSeconds) {
    return new TelemetryProbe(url, true, "{}", "", 1);
  }

  @Override
  public ResponseTimes sampleResponseTimes(String url, int count) {
    return new ResponseTimes(url, count, 0, 10, 20);
  }

  @Override
  public LoadTestReport loadTest(String url, int users, int durationSeconds) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public CertificateInfo endpointCertificate(String httpsUrl) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public PortReachability reachablePorts(String address, List<Integer> ports) {
    return new PortReachability(address, ports, List.of());
  }

  @Override
  public List<EndpointSample> sampleEndpoints(List<EndpointCheck> endpoints, int rounds, String bearerTokenEnv) {
    String host = nameAt(endpoints.get(0).url());
    record("sampleEndpoints " + host);
    HostModel m = hosts.get(host);
    List<EndpointSample> samples = new ArrayList<>();
    for (EndpointCheck e : endpoints) {
      if (!m.active) {
        samples.add(new EndpointSample(e.name(), e.url(), rounds, Map.of(0, rounds), 0, 0, rounds, 0, 0, 0, "refused"));
        continue;
      }
      int errors = (int) Math.round(rounds * m.errorPercent / 100);
      if (m.sceneMissing && e.name().equals("/scene/load")) {
        errors = rounds;
      }
      int unauthorized = m.unauthorized ? rounds : 0;
      Map<Integer, Integer> statuses = new LinkedHashMap<>();
      if (rounds - errors - unauthorized > 0) {
        statuses.put(200, rounds - errors - unauthorized);
      }
      if (errors > 0) {
        statuses.put(500, errors);
      }
      if (unauthorized > 0) {
        statuses.put(401, unauthorized);
      }
      double ms = 10 + m.slowMs;
      samples.add(new EndpointSample(e.name(), e.url(), rounds, statuses, errors, unauthorized, 0, ms, ms * 1.2, ms * 1.5, ""));
    }
    return samples;
  }

  // NotificationActivities

  @Override
  public Delivery notify(NotificationSettings settings, Notice notice) {
    notices.add(notice.title());
    return new Delivery(List.of("console"));
  }

  @Override
  public Delivery page(PagingSettings settings, Page page) {
    pages.add(page.action() + " " + page.who() + ": " + page.summary());
    return new Delivery(List.of("console"));
  }

  @Override
  public HttpExchange setMaintenance(MaintenanceSettings settings, boolean enabled, String reason) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  // InvestigationActivities

  @Override
  public LogErrorCounts countLogErrors(HostContext host, List<LogPattern> patterns, int lastLines) {
    record("countLogErrors " + host.name());
    if (of(host).logUnreadable) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("connection refused by " + host.name(), "HostUnreachable");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    patterns.forEach(p -> counts.put(p.name(), 0));
    return new LogErrorCounts(host.name(), true, "", lastLines, counts, List.of(), List.of());
  }

  @Override
  public DiskUsageReport inspectDiskUsage(HostContext host, DiskSettings disk) {
    record("inspectDiskUsage " + host.name());
    HostModel m = of(host);
    List<DiskUsageReport.SizedPath> old = m.oldLogs ? List.of(new DiskUsageReport.SizedPath("logs/godot-old.log", 48_000_000)) : List.of();
    return new DiskUsageReport(host.name(), m.diskPercent, "quota 50 MB", (long) (m.diskPercent / 2), 50, List.of(), List.of(),
        List.of(), List.of(), old, List.of());
  }

  @Override
  public MemoryTrend sampleMemory(HostContext host, int samples, int intervalSeconds) {
    record("sampleMemory " + host.name());
    HostModel m = of(host);
    List<Long> rss = new ArrayList<>();
    List<Integer> pids = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      rss.add(m.leaking ? 300_000L + i * 20_000L : 300_000L);
      pids.add(m.pid);
    }
    return new MemoryTrend(host.name(), rss, pids, intervalSeconds, 16_000_000L, List.of(), List.of());
  }

  @Override
  public SceneFilesReport inspectSceneFiles(HostContext host, List<String> scenes) {
    record("inspectSceneFiles " + host.name());
    HostModel m = of(host);
    return new SceneFilesReport(host.name(), "production-v2.4.0", scenes, m.sceneMissing ? scenes : List.of(), List.of(),
        List.of(), m.sceneMissing ? "backups/production_20251201_100000.tar.gz" : "", List.of());
  }

  @Override
  public PortHolder findPortHolder(HostContext host, int port) {
    record("findPortHolder " + host.name());
    HostModel m = of(host);
    return m.foreignPid > 0
        ? new PortHolder(host.name(), port, m.foreignPid, "python3 -m http.server 8080", "/home/dev", false, "", List.of())
        : new PortHolder(host.name(), port, 0, "", "", false, "nothing listens", List.of());
  }

  @Override
  public CommandEvidence checkWritable(HostContext host) {
    record("checkWritable " + host.name());
    return new CommandEvidence(host.name(), "touch", 0, "", "", 1);
  }

  // MitigationActivities

  @Override
  public MitigationReport compressOldLogs(HostContext host, DiskSettings disk) {
    record("compressOldLogs " + host.name());
    HostModel m = of(host);
    boolean changed = m.oldLogs;
    if (changed) {
      m.oldLogs = false;
      m.diskPercent = 30;
    }
    return new MitigationReport(host.name(), "compress old logs", changed, changed ? "compressed 1 log (46 MB freed)" : "nothing to compress",
        changed ? 46_000_000 : 0, List.of(), List.of());
  }

  @Override
  public MitigationReport removeCoreDumps(HostContext host, DiskSettings disk) {
    record("removeCoreDumps " + host.name());
    return new MitigationReport(host.name(), "remove core dumps", false, "no core dumps", 0, List.of(), List.of());
  }

  @Override
  public MitigationReport cleanTempFiles(HostContext host, DiskSettings disk) {
    record("cleanTempFiles " + host.name());
    return new MitigationReport(host.name(), "clean temp files", false, "no temp files", 0, List.of(), List.of());
  }

  @Override
  public MitigationReport pruneBackups(HostContext host, BackupRetention retention) {
    record("pruneBackups " + host.name());
    of(host).diskPercent = 50;
    return new MitigationReport(host.name(), "prune backups", true, "deleted 12 backups beyond retention", 1_000_000,
        List.of(), List.of());
  }

  @Override
  public MitigationReport killPortHolder(HostContext host, int port, int pid) {
    record("killPortHolder " + host.name() + " " + pid);
    HostModel m = of(host);
    boolean changed = m.foreignPid == pid;
    m.foreignPid = 0;
    return new MitigationReport(host.name(), "end pid " + pid, changed, changed ? "ended pid " + pid : "pid gone", 0,
        List.of(String.valueOf(pid)), List.of());
  }

  @Override
  public MitigationReport restoreSceneFiles(HostContext host, List<String> missing) {
    record("restoreSceneFiles " + host.name());
    of(host).sceneMissing = false;
    return new MitigationReport(host.name(), "restore scene files", true, "restored " + missing, 0, missing, List.of());
  }

  @Override
  public MitigationReport fixScenePermissions(HostContext host) {
    record("fixScenePermissions " + host.name());
    return new MitigationReport(host.name(), "fix permissions", false, "nothing to fix", 0, List.of(), List.of());
  }

  @Override
  public MitigationReport installScheduledRestart(HostContext host, String command, int everyHours) {
    record("installScheduledRestart " + host.name() + " " + everyHours);
    return new MitigationReport(host.name(), "scheduled restart", true, "restart every " + everyHours + " h installed", 0,
        List.of(), List.of());
  }

  // IncidentIndexActivities

  @Override
  public void upsertIncident(IncidentSummary summary) {
    index.put(summary.key(), summary);
  }

  @Override
  public void removeIncident(String key) {
    index.remove(key);
  }

  // HostChecks (only the release history is read by incidents)

  @Override
  public ReleaseState inspectRelease(HostContext host) {
    record("inspectRelease " + host.name());
    List<ReleaseEvent> history = recentDeployment
        ? List.of(new ReleaseEvent(java.time.Instant.ofEpochMilli(io.temporal.activity.Activity.getExecutionContext()
            .getInfo().getScheduledTimestamp()).toString(), ReleaseEvent.Kind.DEPLOY, "production-v2.5.0", "production-v2.4.0",
            "v2.5.0", "deploy-x", "run-x"))
        : List.of();
    return new ReleaseState(host.name(), "production-v2.5.0", "v2.5.0", "production-v2.4.0", List.of(), List.of(), Map.of(), history);
  }

  @Override
  public ServerResources measureServerResources(HostContext host) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public PortUsage inspectPorts(HostContext host) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public CertificateInfo inspectCertificateFile(HostContext host, String certFile) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public StagedRelease inspectStagedRelease(HostContext host, List<String> requiredFiles) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public NetworkReport inspectNetwork(HostContext host, NetworkSettings network) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public List<ToolVersion> inspectTools(HostContext host, List<ToolRequirement> tools) {
    throw new UnsupportedOperationException("not used by incidents");
  }

  @Override
  public CommandEvidence runConfiguredCommand(HostContext host, String directory, String command, int timeoutSeconds) {
    throw new UnsupportedOperationException("not used by incidents");
  }
}
