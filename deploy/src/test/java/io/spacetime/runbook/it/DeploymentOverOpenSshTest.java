package io.spacetime.runbook.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The deployment contract against real OpenSSH sshd hosts (installed by .ci/run). */
class DeploymentOverOpenSshTest extends DeploymentOverSshContract {
  DeploymentOverOpenSshTest() throws Exception {
    super(requireSshd(), 72);
  }

  private static boolean requireSshd() {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server not installed (bash .ci/run installs it)");
    return true;
  }
}
