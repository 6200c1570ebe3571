package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.standin.ActiveCondition;
import io.spacetime.runbook.sandbox.standin.RuntimeCondition;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import io.spacetime.runbook.sandbox.standin.StandInService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inducing, measuring and clearing {@link Condition}s on one sandbox host, from any process (the
 * sandbox's JVM or a CLI command). Every method returns once what it did is in effect: a runtime
 * condition is held by the service, a file is gone, a process has died or listens.
 *
 * <p>{@link #holding} measures rather than remembers: a condition the incident workflow fixed (a
 * restart, a restored file, a killed process) no longer holds, whatever the sandbox induced.
 */
public final class HostConditions {

  /** What {@link #clear} undid, and whether it started the service (the caller then waits for it to be ready). */
  public record Cleared(List<Condition> undone, boolean startedService) {}

  /** Clearing everything undoes the port's holder before starting the service, and the service's conditions last. */
  private static final List<Condition> CLEAR_ORDER = List.of(Condition.PORT_CONFLICT, Condition.CRASH,
      Condition.SCENE_MISSING, Condition.SCENE_UNREADABLE, Condition.DISK_FILL, Condition.BACKUPS_PILE);

  private HostConditions() {}

  /**
   * Induces {@code condition} on {@code host}.
   *
   * @throws IllegalArgumentException when an option does not apply to the condition
   * @throws IllegalStateException when the host is not in a state to have it (the service is not
   *     running for a runtime condition or a crash; the condition already holds)
   */
  public static InducedCondition induce(SandboxHost host, Condition condition, ConditionOptions options)
      throws IOException, InterruptedException {
    List<String> problems = options.problemsFor(condition);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(condition + ": " + String.join("; ", problems));
    }
    if (condition.runtime().isPresent()) {
      return induceInService(host, condition.runtime().get(), options);
    }
    Optional<ConditionRecord> earlier = ConditionRecord.read(host, condition);
    if (earlier.isPresent()) {
      if (holds(host, earlier.get())) {
        throw new IllegalStateException(host.name() + ": " + condition + " already holds; clear it first: ./runbook"
            + " sandbox clear " + host.name() + " " + condition);
      }
      undo(host, earlier.get()); // what a fix left behind, so the new one starts clean
    }
    return switch (condition) {
      case SCENE_MISSING, SCENE_UNREADABLE -> damageScenes(host, condition, options);
      case DISK_FILL -> fillDisk(host, options);
      case CRASH -> crash(host);
      case PORT_CONFLICT -> conflictOnPort(host);
      case BACKUPS_PILE -> pileBackups(host);
      default -> throw new IllegalStateException("unreachable: " + condition);
    };
  }

  /**
   * Undoes {@code condition} ({@code null}: every one), whoever induced it and whether or not it
   * still holds. A runtime condition is dropped by the running service; {@code crash} and
   * {@code port-conflict} end with the service started again.
   */
  public static Cleared clear(SandboxHost host, Condition condition) throws IOException, InterruptedException {
    List<Condition> undone = new ArrayList<>();
    boolean start = false;
    for (Condition c : condition == null ? CLEAR_ORDER : List.of(condition)) {
      if (c.runtime().isPresent()) {
        continue;
      }
      Optional<ConditionRecord> record = ConditionRecord.read(host, c);
      if (record.isPresent()) {
        undo(host, record.get());
        ConditionRecord.delete(host, c);
        undone.add(c);
        start |= c == Condition.CRASH || c == Condition.PORT_CONFLICT;
      }
    }
    if (condition == Condition.PORT_CONFLICT) {
      ConditionRecord.delete(host, Condition.CRASH); // it implied the crash; the service starts again below
    }
    if (condition == null || condition.runtime().isPresent()) {
      RuntimeCondition runtime = condition == null ? null : condition.runtime().get();
      ServiceHeldConditions.held(host).stream().filter(c -> runtime == null || c.condition() == runtime)
          .forEach(c -> undone.add(Condition.of(c.condition())));
      ServiceHeldConditions.clear(host, runtime);
    }
    boolean started = start && HostControl.serviceProcess(host).isEmpty();
    if (started) {
      HostControl.requireServiceScript(host, "start");
    }
    return new Cleared(List.copyOf(undone), started);
  }

  /** The conditions that hold on {@code host} now, as measured. */
  public static Set<Condition> holding(SandboxHost host) throws IOException {
    Set<Condition> holding = EnumSet.noneOf(Condition.class);
    ServiceHeldConditions.held(host).forEach(c -> holding.add(Condition.of(c.condition())));
    for (Condition condition : CLEAR_ORDER) {
      Optional<ConditionRecord> record = ConditionRecord.read(host, condition);
      if (record.isPresent() && holds(host, record.get())) {
        holding.add(condition);
      }
    }
    return holding;
  }

  /** One line per condition that holds, for {@code sandbox status}. */
  public static List<String> describe(SandboxHost host) throws IOException {
    List<String> lines = new ArrayList<>();
    Instant now = Instant.now();
    ServiceHeldConditions.held(host).forEach(c -> lines.add(c.describe(now)));
    for (Condition condition : holding(host)) {
      if (condition.runtime().isEmpty()) {
        lines.add(condition + ": " + condition.summary());
      }
    }
    return lines;
  }

  private static InducedCondition induceInService(SandboxHost host, RuntimeCondition runtime, ConditionOptions options)
      throws IOException, InterruptedException {
    long until = options.lasting().map(d -> System.currentTimeMillis() + d.toMillis()).orElse(0L);
    ActiveCondition condition = ServiceHeldConditions.induce(host, new ActiveCondition(runtime,
        runtime == RuntimeCondition.ERRORS ? options.ratePercent() : 0,
        runtime == RuntimeCondition.SLOW ? options.delayMs() : 0,
        runtime == RuntimeCondition.MEMORY_GROWTH ? options.mbPerSecond() : 0, until));
    String effect = switch (runtime) {
      case ERRORS -> " Each failure writes an ERROR line to logs/service.log.";
      case AUTH -> " Each answers {\"error\":\"Unauthorized\"} and logs 'authentication failed'.";
      case MEMORY_GROWTH -> " It stops growing at " + StandInService.MEMORY_GROWTH_CAP_MB
          + " MB; what it took is given back only by a restart.";
      case SLOW -> "";
    };
    String summary = host.name() + ": " + condition.describe(Instant.now()) + "." + effect
        + " GET /metrics is never affected.";
    return new InducedCondition(Condition.of(runtime), host.name(), summary, List.of(), List.of(), 0, 0,
        until == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until)));
  }

  private static InducedCondition damageScenes(SandboxHost host, Condition condition, ConditionOptions options)
      throws IOException, InterruptedException {
    Path release = ReleaseBackups.servedRelease(host);
    Optional<Path> backup = options.backupFirst()
        ? Optional.of(ReleaseBackups.archiveServedRelease(host)) : Optional.empty();
    ConditionRecord record = condition == Condition.SCENE_MISSING
        ? SceneDamage.remove(host, options.scenes()) : SceneDamage.makeUnreadable(host, options.scenes());
    record.write(host);
    List<String> names = options.scenes().stream().map(s -> release.getFileName() + "/" + s).toList();
    StringBuilder summary = new StringBuilder(host.name() + ": " + (condition == Condition.SCENE_MISSING
        ? "deleted " : "set mode 000 on ") + String.join(", ", names) + "; POST /scene/load answers 500 "
        + (condition == Condition.SCENE_MISSING ? "\"File not found\"" : "\"Permission denied\"") + ".");
    if (condition == Condition.SCENE_MISSING) {
      for (String scene : options.scenes()) {
        List<Path> holders = ReleaseBackups.holding(host, scene);
        summary.append(holders.isEmpty()
            ? " No archive under backups/ holds " + scene + " (--backup makes one first)."
            : " " + host.deployRoot().relativize(holders.get(0)) + " holds " + scene + ".");
      }
    }
    backup.ifPresent(b -> summary.append(" (Archived first: ").append(host.deployRoot().relativize(b)).append(".)"));
    summary.append(" A restart does not fix it.");
    return new InducedCondition(condition, host.name(), summary.toString(), record.files(), List.of(), 0, 0,
        Optional.empty());
  }

  private static InducedCondition fillDisk(SandboxHost host, ConditionOptions options)
      throws IOException, InterruptedException {
    ConditionRecord record = DiskFill.fill(host, options.fillMb());
    record.write(host);
    List<Path> files = record.files();
    String summary = host.name() + ": the deploy root uses " + DiskFill.usage(host) + ": "
        + host.deployRoot().relativize(files.get(0)) + " (" + Files.size(files.get(0)) / (1024 * 1024)
        + " MB, 8 days old), " + files.get(1).getFileName() + " and " + files.get(2).getFileName() + " (core dumps), "
        + (files.size() - 3) + " temp files in " + host.tempDir() + "/. It stays until cleaned.";
    return new InducedCondition(Condition.DISK_FILL, host.name(), summary, files, List.of(), 0, 0, Optional.empty());
  }

  private static InducedCondition crash(SandboxHost host) throws IOException, InterruptedException {
    long pid = ServiceCrash.kill(host);
    new ConditionRecord(Condition.CRASH, null, null, null, pid, System.currentTimeMillis()).write(host);
    String summary = host.name() + ": killed the service (pid " + pid + ") with SIGKILL; is-active says inactive."
        + " It stays down until started.";
    return new InducedCondition(Condition.CRASH, host.name(), summary, List.of(), List.of(), pid, 0, Optional.empty());
  }

  private static InducedCondition conflictOnPort(SandboxHost host) throws IOException, InterruptedException {
    long killed = 0;
    if (HostControl.serviceProcess(host).isPresent()) {
      killed = ServiceCrash.kill(host);
      new ConditionRecord(Condition.CRASH, null, null, null, killed, System.currentTimeMillis()).write(host);
    }
    long foreign = PortConflict.occupyApiPort(host);
    new ConditionRecord(Condition.PORT_CONFLICT, null, null, null, foreign, System.currentTimeMillis()).write(host);
    String summary = host.name() + ": " + (killed == 0 ? "the service was not running" : "killed the service (pid "
        + killed + ")") + "; process " + foreign + " (ForeignListener, from " + host.root() + ", not the service) now"
        + " holds " + host.address() + ":" + ServiceConfig.PRODUCTION.apiPort() + ", so a start cannot bind."
        + " It stays until that process is ended.";
    return new InducedCondition(Condition.PORT_CONFLICT, host.name(), summary, List.of(), List.of(), killed, foreign,
        Optional.empty());
  }

  private static InducedCondition pileBackups(SandboxHost host) throws IOException, InterruptedException {
    ConditionRecord record = BackupPile.pile(host);
    record.write(host);
    List<Path> beyond = record.beyondRetention().stream().map(Path::of).toList();
    String summary = host.name() + ": added " + record.paths().size() + " dated archives to backups/ ("
        + BackupPile.DAYS + " daily, " + BackupPile.WEEKS + " weekly, " + BackupPile.MONTHS + " monthly); "
        + beyond.size() + " archives there are beyond the retention of " + BackupRetention.DAILY + " daily, "
        + BackupRetention.WEEKLY + " weekly, " + BackupRetention.MONTHLY + " monthly.";
    return new InducedCondition(Condition.BACKUPS_PILE, host.name(), summary, record.files(), beyond, 0, 0,
        Optional.empty());
  }

  private static boolean holds(SandboxHost host, ConditionRecord record) throws IOException {
    return switch (record.condition()) {
      case SCENE_MISSING, SCENE_UNREADABLE -> SceneDamage.holds(record);
      case DISK_FILL -> diskStillFull(host, record);
      case CRASH -> HostControl.serviceProcess(host).isEmpty();
      case PORT_CONFLICT -> PortConflict.holds(record);
      case BACKUPS_PILE -> BackupPile.holds(record);
      default -> false;
    };
  }

  private static boolean diskStillFull(SandboxHost host, ConditionRecord record) throws IOException {
    try {
      return DiskFill.holds(host, record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while measuring the deploy root of " + host.name(), e);
    }
  }

  private static void undo(SandboxHost host, ConditionRecord record) throws IOException, InterruptedException {
    switch (record.condition()) {
      case SCENE_MISSING, SCENE_UNREADABLE -> SceneDamage.undo(record);
      case DISK_FILL -> DiskFill.undo(host, record);
      case PORT_CONFLICT -> PortConflict.undo(record);
      case BACKUPS_PILE -> BackupPile.undo(record);
      default -> { } // crash: starting the service is clear's last step
    }
  }
}
