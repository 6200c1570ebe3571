package io.spacetime.runbook.adapters.ssh;

import io.spacetime.runbook.adapters.ActivityContext;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command in a new session of an open connection: both output streams drained at once
 * (a command blocked on a full stderr window never ends otherwise) into bounded tails, the
 * command's deadline enforced (the command is killed and the failure says so), heartbeats while it
 * runs inside an activity (a cancelled activity stops its command), and the exit status or signal
 * reported. A broken transport is reported as {@link ConnectionLost}, saying whether the command
 * may have run; the caller decides whether to send it again.
 */
final class CommandExecution implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CommandExecution.class);

  /** What {@link CommandEvidence} keeps of each stream (the report's tail). */
  static final int EVIDENCE_TAIL_BYTES = 8 * 1024;
  /** What is kept of stdout for parsing. Our reads print far less; a chatty command is cut here. */
  static final int CAPTURE_BYTES = 256 * 1024;
  /** How often a long command heartbeats; the SDK throttles what reaches the server. */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  private final ExecutorService drains = Executors.newCachedThreadPool(daemonThreads());

  /** How long a refused session is asked for again before the refusal is the answer. */
  private static final Duration REFUSAL_PATIENCE = Duration.ofSeconds(5);

  CommandRun run(SSHClient client, HostTarget host, ShellCommand command, Duration timeout) throws ConnectionLost {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Session session = open(client, host, deadline);
    Session.Command running;
    try {
      running = session.exec(command.text());
    } catch (SSHException e) {
      Quietly.close(session);
      throw brokenOrRefused(client, host, e, true);
    }
    Future<OutputTail> out = drains.submit(() -> OutputTail.drain(running.getInputStream(), CAPTURE_BYTES));
    Future<OutputTail> err = drains.submit(() -> OutputTail.drain(running.getErrorStream(), CAPTURE_BYTES));
    try {
      OutputTail stdout = awaitHeartbeating(out, deadline, host, started);
      OutputTail stderr = await(err, deadline);
      awaitClose(running, deadline);
      Integer status = running.getExitStatus();
      if (status == null && !client.isConnected()) {
        throw ConnectionLost.whileTheCommandRan(new IOException("connection closed before the exit status arrived"));
      }
      int exit = status == null ? -1 : status;
      String stderrText = stderr.text(CAPTURE_BYTES);
      if (status == null && running.getExitSignal() != null) {
        stderrText += "\n(killed by signal " + running.getExitSignal() + ")";
      }
      long ms = elapsedMs(started);
      CommandEvidence evidence = new CommandEvidence(host.name(), command.text(), exit,
          stdout.text(EVIDENCE_TAIL_BYTES), tailOf(stderrText), ms);
      log.debug("{}: exit {} in {} ms: {}", host.name(), exit, ms, CommandRun.abbreviate(command.text()));
      return new CommandRun(evidence, stdout.text(CAPTURE_BYTES), stderrText);
    } catch (TimeoutException e) {
      abort(running);
      out.cancel(true);
      err.cancel(true);
      long ms = elapsedMs(started);
      log.info("{}: command timed out after {} ms and was stopped: {}", host.name(), ms,
          CommandRun.abbreviate(command.text()));
      throw SshFailures.timedOut(host, command, timeout, ms);
    } catch (ExecutionException e) {
      throw ConnectionLost.whileTheCommandRan(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SshFailures.interrupted(host, e);
    } catch (RuntimeException cancelled) {
      // A heartbeat reported the activity cancelled or timed out: stop the command, then let Temporal know.
      abort(running);
      throw cancelled;
    } finally {
      Quietly.close(session);
    }
  }

  @Override
  public void close() {
    drains.shutdownNow();
  }

  /**
   * A new session; nothing has been sent to run yet, so a broken transport here loses nothing.
   * A refusal ("open failed") is asked again until {@code deadline}: the pool keeps within the
   * host's {@code ssh.maxSessions}, but the server frees a session a moment after the command that
   * held it has ended, so a refusal right then is a matter of milliseconds. A server that keeps
   * refusing for {@link #REFUSAL_PATIENCE} refuses for another reason, and the command fails.
   */
  private static Session open(SSHClient client, HostTarget host, long commandDeadline) throws ConnectionLost {
    long deadline = Math.min(commandDeadline, System.nanoTime() + REFUSAL_PATIENCE.toNanos());
    long pauseMs = 10;
    while (true) {
      try {
        return client.startSession();
      } catch (OpenFailException e) {
        if (System.nanoTime() + pauseMs * 1_000_000 >= deadline) {
          throw SshFailures.sessionRefused(host, e);
        }
        pause(host, pauseMs);
        pauseMs = Math.min(250, pauseMs * 2);
      } catch (SSHException e) {
        throw brokenOrRefused(client, host, e, false);
      } catch (IllegalStateException e) {
        // sshj's "Not connected": the transport died after the pool checked it, before anything was sent.
        throw ConnectionLost.beforeTheCommandWasSent(e);
      }
    }
  }

  private static void pause(HostTarget host, long ms) {
    try {
      Thread.sleep(ms); // adapter code, not workflow code: waits for the server to free a session
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SshFailures.interrupted(host, e);
    }
  }

  /**
   * A failed session or exec request means a broken transport (the caller may try a new
   * connection) unless the connection is fine and the server said no (a restricted account):
   * that is not retried.
   */
  private static ConnectionLost brokenOrRefused(SSHClient client, HostTarget host, SSHException e, boolean sent) {
    boolean transportBroken = e instanceof TransportException || e.getCause() instanceof TransportException
        || !client.isConnected();
    if (!transportBroken) {
      throw SshFailures.execRefused(host, e);
    }
    return sent ? ConnectionLost.whileTheCommandRan(e) : ConnectionLost.beforeTheCommandWasSent(e);
  }

  /**
   * Waits for a long command (a backup of a large release) in slices, heartbeating between them
   * when inside an activity: the activity stays alive under a heartbeat timeout, and a cancelled
   * activity stops its command (the heartbeat throws; the command is aborted on the way out).
   */
  private static OutputTail awaitHeartbeating(Future<OutputTail> drain, long deadline, HostTarget host, long started)
      throws TimeoutException, ExecutionException, InterruptedException {
    while (true) {
      long slice = Math.min(deadline - System.nanoTime(), HEARTBEAT_INTERVAL.toNanos());
      try {
        return drain.get(Math.max(0, slice), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() >= deadline) {
          throw e;
        }
        ActivityContext.heartbeat("running a command on " + host.name() + " for " + elapsedMs(started) / 1000 + " s");
      }
    }
  }

  private static OutputTail await(Future<OutputTail> drain, long deadline)
      throws TimeoutException, ExecutionException, InterruptedException {
    return drain.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** The exit status arrives just before the channel closes; wait for the close, within the deadline. */
  private static void awaitClose(Session.Command running, long deadline) throws TimeoutException {
    try {
      running.join(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ConnectionException e) {
      if (running.isOpen()) {
        throw new TimeoutException("channel still open");
      }
    }
  }

  private static void abort(Session.Command running) {
    try {
      running.signal(Signal.KILL);
    } catch (IOException | RuntimeException ignored) {
      // Not every server honours signals; closing the channel below ends the command either way.
    }
    Quietly.close(running);
  }

  private static String tailOf(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= EVIDENCE_TAIL_BYTES) {
      return text;
    }
    OutputTail tail = new OutputTail(EVIDENCE_TAIL_BYTES);
    tail.append(bytes, 0, bytes.length);
    return tail.text(EVIDENCE_TAIL_BYTES);
  }

  private static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "ssh-output-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
