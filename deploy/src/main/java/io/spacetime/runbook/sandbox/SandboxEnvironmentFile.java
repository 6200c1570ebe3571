package io.spacetime.runbook.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The environment file ({@code environments/<name>.yaml}) that points the product at the
 * sandbox: its hosts with their deploy roots, the SSH key and known_hosts, the service and
 * staging commands of {@link ServiceScript}, and thresholds a laptop meets. Every path in it is
 * absolute, as the product's loader requires.
 */
final class SandboxEnvironmentFile {

  /**
   * Strings YAML reads back as the same string in flow and block context, unquoted: paths and
   * names, and dotted quads (two or more dots make them no number).
   */
  private static final Pattern PLAIN = Pattern.compile("[/A-Za-z][A-Za-z0-9_./-]*|[0-9]+\\.[0-9]+\\.[0-9.]+");

  private SandboxEnvironmentFile() {}

  static void write(Path file, String name, List<SandboxHost> hosts, boolean openssh, SandboxKeys keys, String user)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(name, hosts, openssh, keys, user));
  }

  static String render(String name, List<SandboxHost> hosts, boolean openssh, SandboxKeys keys, String user) {
    SandboxHost staging = hosts.get(0);
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: ").append(scalar(name)).append('\n');
    yaml.append("description: ").append(scalar("Local sandbox, " + HostTable.count(hosts.size())
        + (openssh ? " (OpenSSH sshd)" : " (embedded MINA SSHD)"))).append('\n');
    yaml.append("hosts:\n");
    for (SandboxHost host : hosts) {
      yaml.append("  - {name: ").append(scalar(host.name()))
          .append(", address: ").append(scalar(host.address()))
          .append(", sshPort: ").append(Sandbox.SSH_PORT)
          .append(", deployRoot: ").append(scalar(host.deployRoot().toString())).append("}\n");
    }
    yaml.append("ssh: {user: ").append(scalar(user))
        .append(", keyFile: ").append(scalar(keys.clientKey().toString()))
        .append(", knownHosts: ").append(scalar(keys.knownHosts().toString()))
        .append(", connectTimeoutSeconds: 5, commandTimeoutSeconds: 120}\n");
    ServiceConfig prod = ServiceConfig.PRODUCTION;
    ServiceConfig stage = ServiceConfig.STAGING;
    yaml.append("""
        service:
          start: "{deployRoot}/bin/spacetime-service start"
          stop: "{deployRoot}/bin/spacetime-service stop"
          isActive: "{deployRoot}/bin/spacetime-service is-active"
          logFile: logs/service.log
          processPattern: java
        """);
    yaml.append("ports: {api: ").append(prod.apiPort()).append(", telemetry: ").append(prod.telemetryPort())
        .append(", dap: ").append(prod.dapPort()).append(", lsp: ").append(prod.lspPort()).append("}\n");
    yaml.append("""
        thresholds: {minDiskFreeGb: 0.5, minMemoryAvailableGb: 0.25, maxLoadPerCore: 16, startupTimeoutSeconds: 30}
        deploymentWindows: {enforce: false}
        staging:
          enabled: true
        """);
    yaml.append("  host: ").append(scalar(staging.name())).append('\n');
    yaml.append("""
          start: "{deployRoot}/bin/spacetime-service staging-start"
          stop: "{deployRoot}/bin/spacetime-service staging-stop"
        """);
    yaml.append("  testCommand: \"tests/run_tests.sh ").append(staging.stagingBaseUrl()).append("\"\n");
    yaml.append("  apiPort: ").append(stage.apiPort()).append('\n');
    yaml.append("  telemetryPort: ").append(stage.telemetryPort()).append('\n');
    yaml.append("""
        tls: {enabled: false}
        loadTest: {users: 10, durationSeconds: 5}
        smokeTest: {scenePath: "res://vr_main.tscn", responseTimeSamples: 10}
        requiredTools:
          - {name: java, command: "java -version 2>&1", minVersion: "17"}
          - {name: tar, command: "tar --version", minVersion: "1.30"}
        notifications: {console: true}
        loadBalancer: {type: none}
        """);
    return yaml.toString();
  }

  /** A plain scalar when that reads back as the same string, a double-quoted one otherwise. */
  static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !List.of("true", "false", "null", "yes", "no", "on", "off").contains(value)) {
      return value;
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
