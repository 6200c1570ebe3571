package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.hosts.OpenSshHost;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The sandbox contract with a real OpenSSH sshd per host. CI installs openssh-server, so it runs there. */
class OpenSshSandboxTest extends SandboxHostsContract {

  @Override
  boolean openssh() {
    return true;
  }

  @Override
  int subnet() {
    return 78;
  }

  @Override
  void assumeAvailable() {
    Assumptions.assumeTrue(Files.isExecutable(OpenSshHost.SSHD),
        OpenSshHost.SSHD + " is not installed (apt-get install -y openssh-server)");
  }

  @Test
  void eachHostRunsItsOwnSshd() throws Exception {
    for (SandboxHost host : sandbox.hosts()) {
      assertTrue(Files.isRegularFile(sandbox.root().resolve("sshd").resolve(host.name()).resolve("sshd.pid")),
          host.name());
    }
  }
}
