package io.spacetime.runbook.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.conditions.DiskFill;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxKeys;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The environment file ({@code environments/<name>.yaml}) that points the product at the
 * sandbox: its hosts with their deploy roots, the SSH key and known_hosts, the service and
 * staging commands of the hosts' {@code spacetime-service} script, thresholds a laptop meets, and the
 * incident runbook's settings sized for the sandbox's conditions. Every path in it is
 * absolute, as the product's loader requires. Written with Jackson, so any path or name is
 * quoted correctly.
 */
final class SandboxEnvironmentFile {

  private static final YAMLMapper YAML = new YAMLMapper();

  private SandboxEnvironmentFile() {}

  static void write(Path file, String name, List<SandboxHost> hosts, boolean openssh, SandboxKeys keys, String user)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(name, hosts, openssh, keys, user));
  }

  /**
   * The incident runbook sized for the sandbox: the watches and samples in seconds rather than the
   * runbook's minutes, the disk judged against the deploy root's quota (the sandbox's disk is the
   * machine's), a leak threshold half the induced {@code memory-growth} (2 MB/s = 7200 MB/h), far
   * above a healthy stand-in's drift (well under 1000 MB/h once started), and a scheduled restart the
   * hosts' service script records. Temp directories are absolute and for the whole environment, so
   * the file lists every host's own {@code tmp/} (never the machine's /tmp); as the hosts share one
   * machine, a host's Incident 7 also sees the others' temp files.
   */
  private static void putIncident(ObjectNode incident, List<SandboxHost> hosts) {
    ObjectNode path = incident.putObject("escalationPath");
    for (String level : List.of("onCall", "senior", "lead", "manager", "director", "vp")) {
      path.put(level, "sandbox-" + level.toLowerCase());
    }
    incident.put("watchSeconds", 5).put("watchIntervalSeconds", 1).put("samplesPerEndpoint", 10)
        .put("memorySamples", 5).put("memoryIntervalSeconds", 1)
        .put("memoryGrowthMbPerHour", ConditionOptions.DEFAULT_MB_PER_SECOND * 3600 / 2.0);
    ArrayNode tempDirs = incident.putObject("disk").put("quotaMb", DiskFill.QUOTA_MB).putArray("tempDirs");
    hosts.forEach(host -> tempDirs.add(host.tempDir().toString()));
    incident.put("scheduledRestartCommand", "{deployRoot}/bin/spacetime-service schedule-restart {everyHours}");
  }

  static String render(String name, List<SandboxHost> hosts, boolean openssh, SandboxKeys keys, String user) {
    ObjectNode env = JsonNodeFactory.instance.objectNode();
    env.put("name", name);
    env.put("description", "Local sandbox, " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts")
        + (openssh ? " (OpenSSH sshd)" : " (embedded MINA SSHD)"));
    ArrayNode hostList = env.putArray("hosts");
    for (SandboxHost host : hosts) {
      hostList.addObject().put("name", host.name()).put("address", host.address())
          .put("sshPort", Sandbox.SSH_PORT).put("deployRoot", host.deployRoot().toString());
    }
    env.putObject("ssh").put("user", user).put("keyFile", keys.clientKey().toString())
        .put("knownHosts", keys.knownHosts().toString()).put("connectTimeoutSeconds", 5).put("commandTimeoutSeconds", 120);
    env.putObject("service")
        .put("start", "{deployRoot}/bin/spacetime-service start")
        .put("stop", "{deployRoot}/bin/spacetime-service stop")
        .put("isActive", "{deployRoot}/bin/spacetime-service is-active")
        .put("logFile", "logs/service.log")
        .put("processPattern", "java");
    ServiceConfig prod = ServiceConfig.PRODUCTION;
    env.putObject("ports").put("api", prod.apiPort()).put("telemetry", prod.telemetryPort())
        .put("dap", prod.dapPort()).put("lsp", prod.lspPort());
    // A laptop has neither 20 GB to spare nor an idle CPU; the gates are the same, the numbers
    // laptop-sized: the sandbox's releases are kilobytes, not the runbook's > 100 MB, and the
    // stand-in is a JVM that is still compiling in the background for its first seconds.
    env.putObject("thresholds").put("minDiskFreeGb", 0.5).put("minMemoryAvailableGb", 0.25)
        .put("maxLoadPerCore", 16).put("startupTimeoutSeconds", 30).put("minBackupSizeMb", 0)
        .put("maxServiceCpuPercent", 190).put("maxServiceMemoryGb", 2);
    env.putObject("deploymentWindows").put("enforce", false);
    // No watch window by default: every sandbox deployment (the demo, each test) would otherwise wait
    // the runbook's 30 minutes after Step 10. A run asks for one ("watch": "30s", deploy --watch 30s)
    // and gets samples every 2 seconds.
    env.putObject("watch").put("windowMinutes", 0).put("intervalSeconds", 2).put("requestsPerEndpoint", 10);
    SandboxHost staging = hosts.get(0);
    env.putObject("staging").put("enabled", true).put("host", staging.name())
        .put("start", "{deployRoot}/bin/spacetime-service staging-start")
        .put("stop", "{deployRoot}/bin/spacetime-service staging-stop")
        .put("isActive", "{deployRoot}/bin/spacetime-service staging-is-active")
        .put("testCommand", "tests/run_tests.sh " + staging.stagingBaseUrl())
        .put("apiPort", ServiceConfig.STAGING.apiPort()).put("telemetryPort", ServiceConfig.STAGING.telemetryPort());
    env.putObject("tls").put("enabled", false);
    env.putObject("loadTest").put("users", 10).put("durationSeconds", 5);
    env.putObject("smokeTest").put("scenePath", "res://vr_main.tscn").put("responseTimeSamples", 10);
    ArrayNode tools = env.putArray("requiredTools");
    tools.addObject().put("name", "java").put("command", "java -version 2>&1").put("minVersion", "17");
    tools.addObject().put("name", "tar").put("command", "tar --version").put("minVersion", "1.30");
    env.putObject("notifications").put("console", true);
    env.putObject("loadBalancer").put("type", "none");
    putIncident(env.putObject("incident"), hosts);
    try {
      return YAML.writeValueAsString(env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
