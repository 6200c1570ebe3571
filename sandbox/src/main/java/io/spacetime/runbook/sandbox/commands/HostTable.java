package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
