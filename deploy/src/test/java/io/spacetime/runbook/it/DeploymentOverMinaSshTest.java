package io.spacetime.runbook.it;

/** The deployment contract against embedded Apache MINA SSHD hosts. */
class DeploymentOverMinaSshTest extends DeploymentOverSshContract {
  DeploymentOverMinaSshTest() throws Exception {
    super(false, 71);
  }
}
