package io.spacetime.runbook.adapters.testing;

import io.spacetime.runbook.ports.hosts.HostTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * A real SSH server in the test JVM (Apache MINA SSHD) on 127.0.0.1: an ed25519 host key, one
 * authorised client key, a known_hosts file with the bracket entry for its port, and exec commands
 * run by {@code /bin/sh -c} in its own host root. It counts connections and sessions (channels)
 * and records every command it receives. Tests can replace its host key ({@link #replaceHostKey})
 * and make it lose the answer to a command ({@link #loseTheAnswerOnce}).
 */
public final class SshTestHost implements AutoCloseable {

  public static final String USER = "deploy";

  private final SshServer server;
  private final Path root;
  private final Path clientKey;
  private final Path knownHosts;
  private final AtomicReference<KeyPair> hostKey = new AtomicReference<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final OpenConnections open = new OpenConnections();
  private final AtomicReference<String> loseAnswerTo = new AtomicReference<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger sessionsOpen = new AtomicInteger();
  private final AtomicInteger peakSessionsOpen = new AtomicInteger();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final Path dir;
  private volatile String pathOverride = "";

  private SshTestHost(Path dir) throws IOException, GeneralSecurityException {
    this.dir = dir;
    this.root = Files.createDirectories(dir.resolve("host-root"));
    Path keys = Files.createDirectories(dir.resolve("worker-ssh"));
    hostKey.set(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
    KeyPair client = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    this.clientKey = keys.resolve("id_ed25519");
    try (OutputStream out = Files.newOutputStream(clientKey)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "worker", null, out);
    }

    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    // Asked at every key exchange: a replaced key is what new connections see, open ones keep theirs.
    server.setKeyPairProvider(session -> List.of(hostKey.get()));
    server.setPublickeyAuthenticator((user, key, session) ->
        USER.equals(user) && KeyUtils.compareKeys(key, client.getPublic()));
    server.setCommandFactory((channel, command) -> {
      commands.add(command);
      Command shell = new RootedShellFactory(root, pathOverride, command).createShell(channel);
      String fragment = loseAnswerTo.get();
      if (fragment != null && command.contains(fragment) && loseAnswerTo.compareAndSet(fragment, null)) {
        return new AnswerLost(shell, channel.getSession());
      }
      return shell;
    });
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        connections.incrementAndGet();
        open.change(+1);
      }

      @Override
      public void sessionClosed(Session session) {
        open.change(-1);
      }
    });
    server.addChannelListener(new ChannelListener() {
      @Override
      public void channelOpenSuccess(Channel channel) {
        sessions.incrementAndGet();
        peakSessionsOpen.accumulateAndGet(sessionsOpen.incrementAndGet(), Math::max);
      }

      @Override
      public void channelClosed(Channel channel, Throwable reason) {
        sessionsOpen.decrementAndGet();
      }
    });
    server.start();

    this.knownHosts = keys.resolve("known_hosts");
    writeKnownHosts(hostKey.get());
  }

  public static SshTestHost start(Path dir) throws IOException, GeneralSecurityException {
    return new SshTestHost(dir);
  }

  /** Connections idle for 5 minutes are closed, and replaced after an hour (the environment file's defaults). */
  public HostTarget target(String name) {
    return new HostTarget(name, "127.0.0.1", port(), "127.0.0.1", USER, clientKey.toString(), knownHosts.toString(), 5, 30, 30,
        300, 3600);
  }

  public int port() {
    return server.getPort();
  }

  public Path root() {
    return root;
  }

  public Path knownHosts() {
    return knownHosts;
  }

  public Path clientKey() {
    return clientKey;
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** SSH sessions (channels) opened so far: one per command. */
  public int sessions() {
    return sessions.get();
  }

  /** The most SSH sessions (channels) that were open at the same time. */
  public int peakSessionsOpen() {
    return peakSessionsOpen.get();
  }

  public List<String> commands() {
    return List.copyOf(commands);
  }

  /**
   * The server offers a new host key from its next connection on, as a reinstalled host does; open
   * connections keep working. known_hosts still holds the old key.
   */
  public void replaceHostKey() throws GeneralSecurityException {
    hostKey.set(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
  }

  /**
   * The next command containing {@code fragment} runs to its end, then the server closes the whole
   * connection instead of sending the exit status: the command took effect, its answer was lost.
   */
  public void loseTheAnswerOnce(String fragment) {
    loseAnswerTo.set(fragment);
  }

  /** Waits up to 10 s until exactly {@code expected} connections are open; false if they never were. */
  public boolean awaitOpenConnections(int expected) throws InterruptedException {
    return open.await(expected, Duration.ofSeconds(10));
  }

  /** Replaces the known_hosts entry with another key, as if the host had been reinstalled. */
  public void knownHostsWithOtherKey() throws IOException, GeneralSecurityException {
    writeKnownHosts(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
  }

  /**
   * From now on commands run with a PATH holding every program of /usr/bin and /usr/local/bin
   * except {@code hidden}, as on a host where those are not installed.
   */
  public void hidePrograms(String... hidden) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin-without-" + String.join("-", hidden)));
    Set<String> skip = Set.of(hidden);
    for (Path source : List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"))) {
      if (!Files.isDirectory(source)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(source)) {
        for (Path program : (Iterable<Path>) programs::iterator) {
          Path link = bin.resolve(program.getFileName().toString());
          if (!skip.contains(program.getFileName().toString()) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program);
          }
        }
      }
    }
    pathOverride = bin.toString();
  }

  /** Commands run with the JVM's PATH again; the program links are removed. */
  public void restorePrograms() throws IOException {
    if (pathOverride.isEmpty()) {
      return;
    }
    Path bin = Path.of(pathOverride);
    pathOverride = "";
    try (Stream<Path> links = Files.list(bin)) {
      for (Path link : (Iterable<Path>) links::iterator) {
        Files.delete(link);
      }
    }
    Files.delete(bin);
  }

  /** Closes every connection from the server side and waits until they are closed. */
  public void dropConnections() throws IOException {
    for (var session : server.getActiveSessions()) {
      session.close(false).await();
    }
  }

  @Override
  public void close() throws IOException {
    restorePrograms();
    server.stop(true);
  }

  private void writeKnownHosts(KeyPair key) throws IOException {
    Files.writeString(knownHosts, "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
  }

  /** A command whose exit closes its connection: the client never learns how it ended. */
  private static final class AnswerLost implements Command {
    private final Command shell;
    private final Session session;

    AnswerLost(Command shell, Session session) {
      this.shell = shell;
      this.session = session;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      shell.setExitCallback((exitValue, message, closeImmediately) -> session.close(true));
    }

    @Override
    public void setInputStream(InputStream in) {
      shell.setInputStream(in);
    }

    @Override
    public void setOutputStream(OutputStream out) {
      shell.setOutputStream(out);
    }

    @Override
    public void setErrorStream(OutputStream err) {
      shell.setErrorStream(err);
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      shell.start(channel, env);
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
      shell.destroy(channel);
    }
  }

  /** The number of open connections, and a wait for it to reach a value (an event, not a sleep). */
  private static final class OpenConnections {
    private int count;

    synchronized void change(int delta) {
      count += delta;
      notifyAll();
    }

    synchronized boolean await(int expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count != expected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** {@code /bin/sh -c} in the host root (MINA would use the JVM's working directory). */
  private static final class RootedShellFactory extends ProcessShellFactory {
    private final Path root;
    private final String path;

    RootedShellFactory(Path root, String path, String command) {
      super(command, List.of("/bin/sh", "-c", command));
      this.root = root;
      this.path = path;
    }

    @Override
    protected List<String> resolveEffectiveCommand(ChannelSession channel, String rawCommand, List<String> parsed) {
      String setPath = path.isEmpty() ? "" : "PATH='" + path + "'; export PATH\n";
      return List.of("/bin/sh", "-c", setPath + "cd '" + root + "' || exit 1\n" + rawCommand);
    }
  }
}
