package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.conditions.HostConditions;
import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The per-host lines {@code sandbox up} and {@code sandbox status} print. */
final class HostTable {

  private HostTable() {}

  static void print(PrintWriter out, SandboxManifest manifest) throws IOException, InterruptedException {
    StatusClient status = new StatusClient();
    out.printf("  %-8s %-18s %-22s %-9s %-10s %s%n", "HOST", "SSH", "PRODUCTION", "SERVICE", "STAGED", "/status");
    for (SandboxHost host : manifest.hosts()) {
      out.printf("  %-8s %-18s %-22s %-9s %-10s %s%n",
          host.name(),
          host.address() + ":" + Sandbox.SSH_PORT,
          orNone(HostControl.currentRelease(host)),
          HostControl.serviceRunning(host) ? "active" : "inactive",
          stagedVersion(host),
          status.get(host.apiBaseUrl()).summary());
    }
  }

  /**
   * The conditions that hold on each host and the scheduled restarts, for {@code sandbox status};
   * nothing when there are none.
   */
  static void printConditions(PrintWriter out, SandboxManifest manifest) throws IOException {
    List<String> conditions = new ArrayList<>();
    List<String> restarts = new ArrayList<>();
    for (SandboxHost host : manifest.hosts()) {
      HostConditions.describe(host).forEach(line -> conditions.add(String.format("  %-8s %s", host.name(), line)));
      scheduledRestart(host).ifPresent(every -> restarts.add(String.format("  %-8s every %s (%s)", host.name(), every,
          host.deployRoot().relativize(host.restartTimer()))));
    }
    if (!conditions.isEmpty()) {
      out.println("Conditions ('sandbox clear HOST' undoes them):");
      conditions.forEach(out::println);
    }
    if (!restarts.isEmpty()) {
      out.println("Scheduled restarts:");
      restarts.forEach(out::println);
    }
  }

  static Optional<SandboxHost> find(SandboxManifest manifest, String name) {
    return manifest.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /**
   * The host named {@code name} of the sandbox in {@code sandboxDir}; empty, with the reason told on
   * {@code err} (no sandbox there, or no such host and which hosts it has), when there is none.
   */
  static Optional<SandboxHost> named(Path sandboxDir, String name, PrintWriter err) throws IOException {
    if (!SandboxManifest.exists(sandboxDir)) {
      err.printf("No sandbox in %s. Start one with: ./runbook sandbox up%n", sandboxDir);
      return Optional.empty();
    }
    SandboxManifest manifest = SandboxManifest.read(sandboxDir);
    Optional<SandboxHost> host = find(manifest, name);
    if (host.isEmpty()) {
      err.printf("The sandbox has no host '%s'; its hosts: %s.%n", name, names(manifest));
    }
    return host;
  }

  static String names(SandboxManifest manifest) {
    return String.join(", ", manifest.hosts().stream().map(SandboxHost::name).toList());
  }

  /** {@code OnUnitActiveSec} of the host's restart timer ({@code 6h}), if one is installed. */
  private static Optional<String> scheduledRestart(SandboxHost host) throws IOException {
    if (!Files.exists(host.restartTimer())) {
      return Optional.empty();
    }
    return Files.readAllLines(host.restartTimer()).stream().filter(l -> l.startsWith("OnUnitActiveSec="))
        .map(l -> l.substring("OnUnitActiveSec=".length()).trim()).findFirst();
  }

  /** {@code 1 host}, {@code 3 hosts}. */
  static String count(SandboxManifest manifest) {
    return count(manifest.hosts().size());
  }

  static String count(int hosts) {
    return hosts + (hosts == 1 ? " host" : " hosts");
  }

  /** The version in {@code staging/VERSION}, what {@code deploy --version} should name. */
  static String stagedVersion(SandboxHost host) throws IOException {
    Path file = host.stagingDir().resolve("VERSION");
    return Files.exists(file) ? Files.readString(file).trim() : "(none)";
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "(none)" : value;
  }
}
