package io.spacetime.runbook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.sandbox.SandboxManifest;
import io.spacetime.runbook.sandbox.commands.SandboxCommand;
import io.spacetime.runbook.sandbox.hosts.OpenSshHost;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sandbox down} with a worker holding a pooled connection to a host, as the CLI's worker
 * does: afterwards nothing of the sandbox runs, and the worker's SSH client meets a host that is
 * gone instead of one that still runs commands. (The commands on their own are tested in the
 * sandbox module.)
 */
class SandboxDownCommandTest {

  private static final String OPENSSH_SUBNET = "83";

  @TempDir Path home;
  private final StringWriter err = new StringWriter();

  @AfterEach
  void removeTheSandboxEvenIfTheTestFailed() {
    sandbox("down");
  }

  @Test
  void downEndsEveryProcessOfAnOpenSshSandboxAndTheConnectionsAWorkerHeld() throws Exception {
    assumeTrue(Files.isExecutable(OpenSshHost.SSHD), "openssh-server is not installed");
    assertEquals(0, sandbox("up", "--openssh", "--hosts", "1", "--subnet", OPENSSH_SUBNET), err.toString());
    Path sandboxDir = home.resolve("sandbox");
    SandboxHost host = SandboxManifest.read(sandboxDir).hosts().get(0);
    try (HostConnections worker = new HostConnections()) {
      RemoteShell shell = worker.on(SandboxProcessesSeen.target(sandboxDir, host));
      assertEquals(0, shell.run(ShellCommand.of("true")).exitCode());
      List<ProcessHandle> sshd = SandboxProcessesSeen.sshdTree(sandboxDir, host);
      assertTrue(sshd.size() >= 2, "the listener and the worker's connection: " + sshd);

      assertEquals(0, sandbox("down"), err.toString());

      assertEquals(List.of(), sshd.stream().filter(SandboxProcessesSeen::running).toList(), "sshd processes left");
      assertEquals(List.of(), SandboxProcessesSeen.naming(sandboxDir), "processes of the sandbox left");
      // down removed the keys with the sandbox: the worker cannot log in again, so nothing ran.
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell.run(ShellCommand.of("true")));
      assertEquals("SshKeyMissing", failure.getType(), failure.getOriginalMessage());
    }
  }

  /** {@code sandbox ARGS} with its state in this test's home; what it prints on stderr lands in {@link #err}. */
  private int sandbox(String... args) {
    CommandLine cli = new CommandLine(new SandboxCommand(home));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
