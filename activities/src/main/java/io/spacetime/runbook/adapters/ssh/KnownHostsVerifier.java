package io.spacetime.runbook.adapters.ssh;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * {@link OpenSSHKnownHosts} (plain and hashed entries, the {@code [host]:port} form for other
 * ports) that never accepts an unknown or changed key and remembers why it refused, so the
 * failure can tell the operator which of the two happened and which fingerprint was offered.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {

  enum Refusal { NONE, UNKNOWN, CHANGED }

  private volatile Refusal refusal = Refusal.NONE;
  private volatile String offeredKey = "";

  KnownHostsVerifier(File knownHosts) throws IOException {
    super(knownHosts);
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    remember(Refusal.UNKNOWN, key);
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    remember(Refusal.CHANGED, key);
    return false;
  }

  Refusal refusal() {
    return refusal;
  }

  /** {@code ssh-ed25519 SHA256:...}, as {@code ssh-keygen -lf} prints it. */
  String offeredKey() {
    return offeredKey;
  }

  private void remember(Refusal why, PublicKey key) {
    refusal = why;
    offeredKey = KeyType.fromKey(key) + " " + fingerprint(key);
  }

  static String fingerprint(PublicKey key) {
    try {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
