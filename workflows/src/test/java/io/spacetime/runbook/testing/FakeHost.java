package io.spacetime.runbook.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
  // 1.2 Network Configuration: port -> process name of a listener that is not the service
  public final Map<Integer, String> foreignListeners = new HashMap<>();
  // 1.3 Security Group Setup
  public long certificateDaysLeft = 90;
  // 2.1 Version Verification
  public String stagedVersion = "v2.5.0";
  public String gitDescribe = "v2.5.0";
  public boolean gitClean = true;
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

  private final Map<String, ReleaseBehaviour> releases = new HashMap<>();

  FakeHost(String name) {
    this.name = name;
  }

  /** How the release {@code version} ("v2.5.0") behaves on this host once started. */
  public ReleaseBehaviour release(String version) {
    return behaviourOf("production-" + version);
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

  /** How one release behaves once started: healthy unless a test says otherwise. */
  public static final class ReleaseBehaviour {
    public boolean starts = true;
    public boolean becomesReady = true;
    public int connectStatus = 200;
    public String telemetryFirstEvent = "connected";
    public int sceneLoadStatus = 200;
    public double averageResponseMs = 45;
    public int errorLogLines = 0;
  }
}
