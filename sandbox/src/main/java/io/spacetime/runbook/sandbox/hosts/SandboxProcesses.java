package io.spacetime.runbook.sandbox.hosts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending what a sandbox started, found in {@code /proc}, so that nothing of a removed sandbox keeps
 * serving: no sshd (a worker's pooled connection would go on running commands on a host that is
 * gone, and after the next {@code sandbox up} on the same addresses, on the wrong one), no
 * stand-in service.
 *
 * <p>Two kinds of process escape a plain "stop the process we started": sshd forks one process
 * per connection, and each calls {@code setsid}, so neither a signal to the listening sshd nor to
 * its process group reaches them ({@link #killTree}); and the stand-in service runs under
 * {@code setsid nohup}, outside any tree, found by its command line ({@link #leftovers}). A
 * process counts as ended when it is gone or a zombie: this machine's PID 1 does not reap orphans.
 */
public final class SandboxProcesses {

  private static final Path KILL = Path.of("/bin/kill");
  /** A stand-in shuts down in well under a second on SIGTERM; then SIGKILL. */
  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(SandboxProcesses.class);

  private SandboxProcesses() {}

  /**
   * What the service scripts and SSH servers left running: a stand-in whose pid file was lost, an
   * sshd that outlived the process that started it. Ended, and each named in the log.
   */
  public static void endLeftovers(Path sandboxDir) {
    try {
      List<ProcessHandle> leftovers = leftovers(sandboxDir);
      leftovers.forEach(p -> log.warn("Ending process {} of the sandbox {} that is still running: {}", p.pid(), sandboxDir,
          p.info().commandLine().orElse("?")));
      List<ProcessHandle> left = terminate(leftovers, LEFTOVER_GRACE);
      if (!left.isEmpty()) {
        log.warn("Processes {} of the sandbox {} did not end even with SIGKILL", left.stream().map(ProcessHandle::pid)
            .toList(), sandboxDir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while ending the leftover processes of {}; some may still run", sandboxDir);
    }
  }

  /**
   * Freezes {@code root} and everything under it (a stopped process cannot fork, so the tree stops
   * changing while it is read), then kills them all. Returns what is still running after
   * {@code timeout}; empty when everything ended.
   */
  public static List<ProcessHandle> killTree(ProcessHandle root, Duration timeout) throws InterruptedException {
    Map<Long, ProcessHandle> frozen = new LinkedHashMap<>();
    List<ProcessHandle> found = tree(root);
    while (found.stream().anyMatch(p -> !frozen.containsKey(p.pid()))) {
      List<ProcessHandle> fresh = found.stream().filter(p -> !frozen.containsKey(p.pid())).toList();
      signal("STOP", fresh);
      fresh.forEach(p -> frozen.put(p.pid(), p));
      found = tree(root);
    }
    frozen.values().forEach(ProcessHandle::destroyForcibly);
    return awaitEnded(List.copyOf(frozen.values()), timeout);
  }

  /**
   * SIGTERM, then SIGKILL for what did not end within {@code grace}. Returns what still runs after
   * another {@code grace}.
   */
  public static List<ProcessHandle> terminate(List<ProcessHandle> processes, Duration grace)
      throws InterruptedException {
    processes.forEach(ProcessHandle::destroy);
    List<ProcessHandle> left = awaitEnded(processes, grace);
    left.forEach(ProcessHandle::destroyForcibly);
    return awaitEnded(left, grace);
  }

  /**
   * The sshd, stand-in service and {@link ForeignListener} processes whose command line names a
   * path in {@code sandboxDir} (the sshd's {@code -f <dir>/sshd/...}, the service's
   * {@code --release-dir <dir>/hosts/...}, the listener's {@code --host-root}), never this process
   * or its ancestors.
   */
  static List<ProcessHandle> leftovers(Path sandboxDir) {
    String dir = sandboxDir.toAbsolutePath().normalize().toString();
    Set<Long> ours = Stream.iterate(Optional.of(ProcessHandle.current()), Optional::isPresent,
        p -> p.flatMap(ProcessHandle::parent)).map(p -> p.get().pid()).collect(Collectors.toSet());
    return ProcessHandle.allProcesses()
        .filter(p -> !ours.contains(p.pid()) && !ended(p))
        .filter(p -> {
          List<String> words = commandLine(p);
          boolean mentionsDir = words.stream().anyMatch(w -> w.equals(dir) || w.contains(dir + "/"));
          boolean standIn = words.contains(ServiceScript.MAIN_CLASS) || words.contains(ForeignListener.MAIN_CLASS);
          boolean sshd = words.stream().findFirst().map(w -> w.startsWith("sshd:") || w.equals(OpenSshHost.SSHD.toString()))
              .orElse(false);
          return mentionsDir && (standIn || sshd);
        })
        .toList();
  }

  /**
   * Gone, or a zombie (dead, only not reaped) whose threads have all exited: nothing left that runs
   * or holds a socket. A killed JVM's main thread is a zombie while its other threads are still
   * exiting and its descriptors (a listening port among them) still open: the thread count tells.
   */
  public static boolean ended(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()));
    try {
      String stat = Files.readString(proc.resolve("stat"));
      String afterName = stat.substring(stat.lastIndexOf(')') + 2);
      if (!afterName.startsWith("Z") && !afterName.startsWith("X")) {
        return false;
      }
      return Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Threads:"))
          .map(l -> Integer.parseInt(l.substring("Threads:".length()).trim())).findFirst().orElse(0) <= 1;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** {@code process} and everything below it, as it is now. */
  static List<ProcessHandle> tree(ProcessHandle process) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process);
    process.descendants().forEach(all::add);
    return all.stream().filter(p -> !ended(p)).toList();
  }

  /** The words of {@code /proc/<pid>/cmdline}; a title set by the process itself (sshd's) is one word. */
  public static List<String> commandLine(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      return Arrays.stream(new String(raw, StandardCharsets.UTF_8).split("\0")).filter(w -> !w.isEmpty()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<ProcessHandle> awaitEnded(List<ProcessHandle> processes, Duration timeout)
      throws InterruptedException {
    return Poll.until(timeout, Poll.INTERVAL, () -> processes.stream().filter(p -> !ended(p)).toList(), List::isEmpty);
  }

  /** Java signals only TERM and KILL; STOP goes through kill(1). Processes that already ended are skipped by it. */
  private static void signal(String name, List<ProcessHandle> processes) throws InterruptedException {
    if (processes.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(KILL.toString(), "-" + name));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    try {
      Process kill = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // Without kill(1) nothing is frozen; the tree is still killed below, only not atomically.
    }
  }
}
