package io.spacetime.runbook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.OpenSshHost;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing a sandbox ends everything it started, with a worker holding pooled connections to its
 * hosts as the CLI's worker does: afterwards nothing of it runs and those connections fail rather
 * than go on running commands on hosts that are gone.
 */
class SandboxCloseTest {

  private static final int OPENSSH_SUBNET = 81;
  private static final int EMBEDDED_SUBNET = 82;

  @TempDir Path dir;

  @ParameterizedTest(name = "openssh={0}")
  @ValueSource(booleans = {true, false})
  void closeEndsEveryProcessOfTheSandboxAndBreaksThePooledConnections(boolean openssh) throws Exception {
    assumeTrue(!openssh || Files.isExecutable(OpenSshHost.SSHD), "openssh-server is not installed");
    Path root = dir.resolve("sandbox");
    // The files stay (the keys with them), so what the worker meets afterwards is a host that is gone.
    try (Sandbox sandbox = start(root, openssh, false); HostConnections worker = new HostConnections()) {
      SandboxHost host = sandbox.hosts().get(0);
      RemoteShell shell = worker.on(SandboxProcessesSeen.target(root, host));
      assertEquals(0, shell.run(ShellCommand.of(host.serviceScript().toString(), "staging-start")).exitCode());
      // A staging instance the service script lost track of: only a search of /proc finds it now.
      Files.delete(host.deployRoot().resolve("run/staging.pid"));
      List<ProcessHandle> sshd = openssh ? SandboxProcessesSeen.sshdTree(root, host) : List.of();
      assertTrue(!openssh || sshd.size() >= 2, "the listener and the pooled connection's sshd: " + sshd);
      assertTrue(SandboxProcessesSeen.naming(root).stream().anyMatch(p -> p.contains("StandInService")
          && p.contains("/staging")), "the staging instance runs: " + SandboxProcessesSeen.naming(root));

      sandbox.close();

      assertEquals(List.of(), sshd.stream().filter(SandboxProcessesSeen::running).toList(), "sshd processes left");
      assertEquals(List.of(), SandboxProcessesSeen.naming(root), "processes of the sandbox left");
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell.run(ShellCommand.of("pwd")));
      assertEquals("HostUnreachable", failure.getType(), failure.getOriginalMessage());
    }
  }

  @Test
  void aPooledConnectionLogsInToTheSandboxThatReplacedARemovedOne() throws Exception {
    assumeTrue(Files.isExecutable(OpenSshHost.SSHD), "openssh-server is not installed");
    Path root = dir.resolve("sandbox");
    try (HostConnections worker = new HostConnections()) {
      try (Sandbox removed = start(root, true, true)) {
        assertEquals(0, worker.on(SandboxProcessesSeen.target(root, removed.hosts().get(0)))
            .run(ShellCommand.of("true")).exitCode());
      }

      try (Sandbox replacement = start(root, true, true)) {
        SandboxHost host = replacement.hosts().get(0);
        // The command's ancestors: the sshd serving it, and above that the listener that accepted it.
        String ancestors = worker.on(SandboxProcessesSeen.target(root, host)).run(ShellCommand.template(
            "p=$$; while [ \"$p\" -gt 1 ]; do echo \"$p\"; p=$(awk '{print $4}' /proc/$p/stat); done",
            Map.of())).stdout();
        List<ProcessHandle> tree = SandboxProcessesSeen.sshdTree(root, host);

        assertFalse(tree.isEmpty());
        assertTrue(List.of(ancestors.split("\n")).contains(String.valueOf(tree.get(0).pid())),
            "served under the replacement's sshd " + tree.get(0).pid() + ", not a leftover: " + ancestors);
      }
    }
  }

  private static Sandbox start(Path root, boolean openssh, boolean deleteOnClose) throws Exception {
    return Sandbox.builder().root(root).hosts(1).openssh(openssh)
        .subnet(openssh ? OPENSSH_SUBNET : EMBEDDED_SUBNET).deleteOnClose(deleteOnClose).start();
  }
}
