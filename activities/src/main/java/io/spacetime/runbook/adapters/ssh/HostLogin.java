package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.adapters.HomePaths;
import io.spacetime.runbook.ports.hosts.HostTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one authenticated connection to a host: the host key verified against the target's
 * known_hosts file as it is now (read for every login, so a changed entry counts at once), the
 * deploy key loaded from the worker's disk, public-key authentication as the target's user, and
 * the connect timeout on the TCP connect and the key exchange. Every refusal becomes the
 * {@link SshFailures} message that says which file or field to fix.
 */
final class HostLogin {

  private static final Logger log = LoggerFactory.getLogger(HostLogin.class);

  private final Config config = new DefaultConfig();

  SSHClient open(HostTarget host) {
    Path keyFile = HomePaths.expand(host.keyFile());
    Path knownHosts = HomePaths.expand(host.knownHosts());
    if (!Files.isReadable(keyFile)) {
      throw SshFailures.keyMissing(host, keyFile);
    }
    if (!Files.isRegularFile(knownHosts)) {
      throw SshFailures.knownHostsMissing(host, knownHosts);
    }
    SSHClient client = new SSHClient(config);
    int timeoutMs = (int) TimeUnit.SECONDS.toMillis(Math.max(1, host.connectTimeoutSeconds()));
    client.setSocketFactory(new NoDelaySocketFactory());
    client.setConnectTimeout(timeoutMs);
    client.getTransport().setTimeoutMs(timeoutMs);
    KnownHostsVerifier verifier;
    KeyProvider key;
    try {
      verifier = new KnownHostsVerifier(knownHosts.toFile());
      client.addHostKeyVerifier(verifier);
      key = client.loadKeys(keyFile.toString());
    } catch (IOException e) {
      Quietly.close(client);
      throw SshFailures.keysUnreadable(host, keyFile, knownHosts, e);
    }
    long started = System.nanoTime();
    try {
      client.connect(host.address(), host.sshPort());
      client.authPublickey(host.user(), key);
      log.debug("SSH connected to {} in {} ms", SshFailures.describe(host),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return client;
    } catch (UserAuthException e) {
      Quietly.close(client);
      throw SshFailures.keyRefused(host, keyFile);
    } catch (TransportException e) {
      Quietly.close(client);
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE
          || verifier.refusal() != KnownHostsVerifier.Refusal.NONE) {
        throw SshFailures.hostKey(host, knownHosts, verifier);
      }
      throw SshFailures.unreachable(host, e);
    } catch (IOException e) {
      Quietly.close(client);
      throw SshFailures.unreachable(host, e);
    }
  }
}
