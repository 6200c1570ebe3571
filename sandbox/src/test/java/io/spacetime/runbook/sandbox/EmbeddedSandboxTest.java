package io.spacetime.runbook.sandbox;

/** The sandbox contract with Apache MINA SSHD hosts inside the test JVM. */
class EmbeddedSandboxTest extends SandboxHostsContract {

  @Override
  boolean openssh() {
    return false;
  }

  @Override
  int subnet() {
    return 77;
  }
}
