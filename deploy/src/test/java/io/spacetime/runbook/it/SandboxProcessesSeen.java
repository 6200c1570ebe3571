package io.spacetime.runbook.it;

import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test sees of a sandbox's processes, read from /proc on its own (not through the sandbox's
 * {@code SandboxProcesses}, whose work the tests check), and how a worker reaches a sandbox host.
 */
final class SandboxProcessesSeen {

  private SandboxProcessesSeen() {}

  /** The host's listening sshd (from its pid file) and every process under it now: one sshd per connection. */
  static List<ProcessHandle> sshdTree(Path sandboxDir, SandboxHost host) throws IOException {
    long pid = Long.parseLong(Files.readString(sandboxDir.resolve("sshd").resolve(host.name()).resolve("sshd.pid")).trim());
    List<ProcessHandle> tree = new ArrayList<>();
    ProcessHandle.of(pid).ifPresent(listener -> {
      tree.add(listener);
      listener.descendants().forEach(tree::add);
    });
    return tree.stream().filter(SandboxProcessesSeen::running).toList();
  }

  /** Running processes (not this JVM) whose command line names a path in {@code sandboxDir}. */
  static List<String> naming(Path sandboxDir) {
    String dir = sandboxDir.toAbsolutePath().normalize() + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid() && running(p))
        .map(p -> p.pid() + " " + commandLine(p))
        .filter(line -> line.contains(dir))
        .toList();
  }

  /** Alive and not a zombie (PID 1 here does not reap orphans, so the dead linger as zombies). */
  static boolean running(ProcessHandle process) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(line -> line.startsWith("State:"))
          .noneMatch(line -> line.contains("Z (zombie)") || line.contains("X (dead)"));
    } catch (IOException e) {
      return false;
    }
  }

  /** How the worker reaches {@code host} of the sandbox in {@code sandboxDir}, with the sandbox's keys. */
  static HostTarget target(Path sandboxDir, SandboxHost host) {
    Path keys = sandboxDir.resolve("keys");
    return new HostTarget(host.name(), host.address(), Sandbox.SSH_PORT, host.address(), System.getProperty("user.name"),
        keys.resolve("client_ed25519").toString(), keys.resolve("known_hosts").toString(), 5, 60, 60, 300, 3600);
  }

  private static String commandLine(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }
}
