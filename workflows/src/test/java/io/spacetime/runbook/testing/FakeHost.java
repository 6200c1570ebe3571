package io.spacetime.runbook.testing;

import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One host as the fakes see it: healthy by default, serving v2.4.0 with v2.5.0 staged. Tests
 * change a field to make one check fail, or a {@link #release} to give that release a defect.
 */
public final class FakeHost {

  public final String name;

  // 1.1 Server Resources
  public double diskFreeGb = 40.2;
  public double memoryAvailableGb = 18;
  public double loadAverage = 1.24;
  public int cores = 8;
  public boolean writable = true;
  public int diskErrors = 0;
  // 1.2 Network Configuration: port -> process name of a listener that is not the service
  public final Map<Integer, String> foreignListeners = new HashMap<>();
  // 1.2 as iptables -S INPUT prints it, the internal hostname's answer, the monitoring latency
  public List<String> firewallRules = List.of("-P INPUT ACCEPT");
  public List<String> internalAddresses = List.of("10.0.1.50");
  public double monitoringLatencyMs = 1.5;
  // 1.3 Security Group Setup
  public long certificateDaysLeft = 90;
  // 2.1 Version Verification
  public String stagedVersion = "v2.5.0";
  public String gitDescribe = "v2.5.0";
  public boolean gitClean = true;
  // 2.2 required files the staged release lacks, and files the deploy user cannot read
  public List<String> missingFiles = List.of();
  public int unreadableFiles = 0;
  // 2.2 Dependency Check: tool -> version, absent = not installed
  public final Map<String, String> tools = new LinkedHashMap<>(Map.of("godot", "4.5.0", "python3", "3.11.2"));
  // 3.1 Current State Backup
  public boolean backupVerified = true;
  // The production link, production.backup, and the release directories
  public String productionLink = "production-v2.4.0";
  public String backupLink = "production-v2.3.0";
  public final TreeSet<String> releaseDirs = new TreeSet<>(java.util.List.of("production-v2.3.0", "production-v2.4.0"));
  // The service: whether it runs, and which release directory it serves
  public boolean serviceActive = true;
  public String runningDir = productionLink;
  public long logSize = 4096;
  // What Step 4 reads back from the installed .env (null = the environment's ports)
  public Map<String, String> installedPorts;
  // Whether the served release has a .env (3.1 backs it up, or records that it has none)
  public boolean hasConfig = true;
  // Step 4: the installed .env's mode and whether project.godot has its [autoload] section
  public String envMode = "600";
  public boolean autoloadSection = true;
  // Step 2: pids still running from the stopped release
  public List<Integer> lingering = List.of();
  // Whether the deploy user may read /proc/PID/cwd of the service (which release it runs from)
  public boolean servingDirVisible = true;
  // The release history: every move of the production link, oldest first
  public final List<ReleaseEvent> history = new ArrayList<>();
  // The directories Step 3 copied into, in order
  public final List<String> copiedInto = new ArrayList<>();

  private final Map<String, ReleaseBehaviour> releases = new HashMap<>();

  FakeHost(String name) {
    this.name = name;
  }

  /** How the release {@code version} ("v2.5.0") behaves on this host once started. */
  public ReleaseBehaviour release(String version) {
    return behaviourOf("production-" + version);
  }

  /** How the release in directory {@code releaseDir} ("production-v2.5.0+2") behaves once started. */
  public ReleaseBehaviour releaseIn(String releaseDir) {
    return behaviourOf(releaseDir);
  }

  ReleaseBehaviour behaviourOf(String releaseDir) {
    return releases.computeIfAbsent(releaseDir, dir -> new ReleaseBehaviour());
  }

  ReleaseBehaviour running() {
    return behaviourOf(runningDir);
  }

  /** Serves {@code releaseDir} with {@code backupDir} as production.backup (the state after a deployment). */
  public FakeHost serving(String releaseDir, String backupDir) {
    releaseDirs.add(releaseDir);
    productionLink = releaseDir;
    runningDir = releaseDir;
    backupLink = backupDir;
    return this;
  }

  /** Moves the links as a switch or restore does, and records the move once in the history. */
  synchronized ReleaseSwitch move(ReleaseChange change, Instant now) {
    String from = productionLink;
    productionLink = change.toDir();
    backupLink = change.backupDir();
    ReleaseEvent event = new ReleaseEvent(now.toString(), change.kind(), change.toDir(), change.fromDir(), change.version(),
        ReleaseEvent.fileSafe(change.workflowId()), change.runId());
    boolean recorded = history.stream().anyMatch(e -> e.kind() == event.kind() && e.toDir().equals(event.toDir())
        && e.runId().equals(event.runId()));
    if (!recorded) {
      history.add(event);
    }
    return new ReleaseSwitch(name, from, change.toDir(), from.equals(change.toDir()), List.of());
  }

  /** The service as a start or a read reports it, with the directory the listener runs from. */
  ServiceState state(List<Integer> ports, boolean startSkipped, Layout layout) {
    boolean visible = serviceActive && servingDirVisible;
    return new ServiceState(name, serviceActive, serviceActive ? ports : List.of(), logSize, List.of(), startSkipped,
        visible ? layout.resolve(runningDir) : "",
        !serviceActive ? "nothing listens on the API port" : visible ? "" : "cannot read /proc/1234/cwd as spacetime-deploy",
        serviceActive ? 1234 : 0, List.of());
  }

  /** How one release behaves once started: healthy unless a test says otherwise. */
  public static final class ReleaseBehaviour {
    public boolean starts = true;
    public boolean becomesReady = true;
    /** Which scan of the log first sees {@code errorLogLines} (1: Step 5's; 2: errors that appear later, by Step 10). */
    public int errorsFromScan = 1;
    int scans;
    /** Step 5 "PID is stable": the service restarts (a new pid) while its usage is sampled. */
    public boolean restarts = false;
    /** Step 8: the service's own CPU share and resident memory. */
    public double cpuPercent = 12;
    public long residentBytes = 1_200_000_000L;
    public int connectStatus = 200;
    public String telemetryFirstEvent = "connected";
    public int sceneLoadStatus = 200;
    public double averageResponseMs = 45;
    public int errorLogLines = 0;
  }
}
