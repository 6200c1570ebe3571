package io.spacetime.runbook.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.sandbox.Sandbox;
import java.nio.file.Path;

/**
 * The sandbox the end-to-end tests deploy to: real hosts (SSH, the stand-in service), with the
 * environment file tightened so the same paths take seconds instead of the runbook's minutes (as
 * the SSH integration tests and the Web UI test use it too).
 */
public final class E2eSandbox {

  private E2eSandbox() {}

  /** {@code hosts} hosts on {@code 127.0.<subnet>.2...}; environment file {@code <dir>/environments/<name>.yaml}. */
  public static Sandbox start(Path dir, String environmentName, int hosts, boolean openssh, int subnet) throws Exception {
    Sandbox sandbox = Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(dir.resolve("environments"))
        .environmentName(environmentName).hosts(hosts).openssh(openssh).subnet(subnet).deleteOnClose(false).start();
    tighten(sandbox.environmentFile());
    return sandbox;
  }

  /** Seconds instead of the runbook's minutes: the paths under test are the same. */
  public static void tighten(Path environmentFile) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(environmentFile.toFile());
    // The 1-second load test meets a staging JVM that has just started, on 2 cores shared with the
    // other test JVMs: its latency says nothing about the release. These tests judge outcomes; the
    // runbook's 100 ms / 200 ms are the defaults everywhere else (and the bench measures speed).
    ((ObjectNode) env.get("thresholds")).put("startupTimeoutSeconds", 8).put("loadTestMaxAverageMs", 500.0)
        .put("loadTestMaxP95Ms", 1000.0);
    env.putObject("loadTest").put("users", 4).put("durationSeconds", 1);
    ((ObjectNode) env.get("smokeTest")).put("responseTimeSamples", 5);
    yaml.writeValue(environmentFile.toFile(), env);
  }

  /**
   * A second environment file for the same hosts, named {@code name}, whose deployment window is
   * never open: a standard deployment is refused, an emergency one waits for its approval.
   */
  public static Path neverInsideTheWindow(Sandbox sandbox, String name) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(sandbox.environmentFile().toFile());
    env.put("name", name);
    ObjectNode windows = env.putObject("deploymentWindows");
    windows.put("enforce", true);
    windows.putArray("standard");
    windows.putArray("blackout");
    windows.put("approvalTimeoutMinutes", 30);
    Path file = sandbox.environmentFile().resolveSibling(name + ".yaml");
    yaml.writeValue(file.toFile(), env);
    return file;
  }

  /** A second environment file for the same hosts whose 4.2 load test lasts {@code seconds}. */
  public static Path withLongLoadTest(Sandbox sandbox, String name, int seconds) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(sandbox.environmentFile().toFile());
    env.put("name", name);
    env.putObject("loadTest").put("users", 2).put("durationSeconds", seconds);
    Path file = sandbox.environmentFile().resolveSibling(name + ".yaml");
    yaml.writeValue(file.toFile(), env);
    return file;
  }
}
