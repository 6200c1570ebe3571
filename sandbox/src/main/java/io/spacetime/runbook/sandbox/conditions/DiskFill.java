package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Incident 7 on a host: its deploy root filled past 95 % of the sandbox's disk quota
 * ({@link #QUOTA_MB}, the environment file's {@code incident.disk.quotaMb}) the ways the runbook
 * lists: an old log in {@code logs/} (8 days, so Scenario A's "older than 7 days" compresses it, and
 * log text, so compressing it frees the space), core dumps {@code core.<n>} in the deploy root
 * (Scenario C) and temp files matching {@code godot-*} and {@code spacetime-*} in the host's temp
 * directory (Scenario D). Compressing the log alone brings the deploy root back under 80 %. Stays
 * until cleaned; a restart changes nothing. Public for {@link #QUOTA_MB} only, which the environment
 * file must repeat.
 */
public final class DiskFill {

  /**
   * The deploy root's quota in the sandbox: big enough for the releases, logs and backups of a
   * long session several times over, small enough to fill in a fraction of a second.
   */
  public static final int QUOTA_MB = 100;
  /** Where the default fill takes the deploy root: past the runbook's 95 % (P1) line with room to spare. */
  static final double FILL_TO = 0.97;
  /** The runbook's "disk space recovered" line (Incident 7 verification: < 80 % used). */
  static final double RECOVERED = 0.80;
  static final Duration LOG_AGE = Duration.ofDays(8);
  private static final int CORE_MB = 2;
  private static final int TEMP_MB = 1;
  private static final int MB = 1024 * 1024;

  private DiskFill() {}

  /** @param fillMb the old log's size; 0: what takes the deploy root to {@link #FILL_TO} of the quota */
  static ConditionRecord fill(SandboxHost host, int fillMb) throws IOException, InterruptedException {
    long pid = HostControl.serviceProcess(host).map(ProcessHandle::pid).orElse(4242L);
    List<Path> extras = List.of(host.deployRoot().resolve("core." + pid),
        host.deployRoot().resolve("core." + (pid + 1)),
        host.tempDir().resolve("godot-" + pid + "-shader-cache.tmp"),
        host.tempDir().resolve("godot-" + pid + "-import.tmp"),
        host.tempDir().resolve("spacetime-" + pid + "-upload.part"));
    long extraMb = 2L * CORE_MB; // the temp files lie outside the deploy root, as /tmp does on a host
    long logMb = fillMb > 0 ? fillMb
        : Math.max(1, (long) Math.ceil(FILL_TO * QUOTA_MB - usedKb(host) / 1024.0 - extraMb));
    Instant old = Instant.now().minus(LOG_AGE);
    Path log = host.deployRoot().resolve("logs").resolve("godot-"
        + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(old, ZoneId.systemDefault())) + ".log");
    List<Path> created = new ArrayList<>();
    created.add(log);
    created.addAll(extras);
    writeLogText(log, logMb * MB, old);
    Files.setLastModifiedTime(log, FileTime.from(old));
    for (Path core : extras.subList(0, 2)) {
      writeBytes(core, CORE_MB);
    }
    Files.createDirectories(host.tempDir());
    for (Path temp : extras.subList(2, extras.size())) {
      writeBytes(temp, TEMP_MB);
    }
    return new ConditionRecord(Condition.DISK_FILL, created.stream().map(Path::toString).toList(), null, null, 0,
        System.currentTimeMillis());
  }

  /**
   * The disk is still exhausted: some of its files are where it put them and the deploy root uses
   * at least {@link #RECOVERED} of the quota. Below that line the runbook's verification ("< 80 %
   * used") passes, so the incident is over even with core dumps or temp files left (a fix that
   * compressed the old log was enough); {@code clear} removes what is left.
   */
  static boolean holds(SandboxHost host, ConditionRecord record) throws IOException, InterruptedException {
    return record.files().stream().anyMatch(Files::exists) && usedKb(host) >= RECOVERED * QUOTA_MB * 1024;
  }

  /**
   * Deletes what is left of it, and what cleaning it produced from its log (the compressed copy in
   * {@code logs/} or {@code backups/logs/}): the sandbox's, not the host's.
   */
  static void undo(SandboxHost host, ConditionRecord record) throws IOException {
    for (Path file : record.files()) {
      Files.deleteIfExists(file);
    }
    String log = record.files().get(0).getFileName().toString();
    for (Path dir : List.of(host.deployRoot().resolve("logs"), host.backupsDir().resolve("logs"))) {
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, log + "*")) {
          for (Path entry : entries) {
            Files.deleteIfExists(entry);
          }
        }
      }
    }
  }

  /** {@code du -sk} of the deploy root: what the engine measures against the quota. */
  static long usedKb(SandboxHost host) throws IOException, InterruptedException {
    String out = LocalCommand.run(host.deployRoot(), List.of("du", "-sk", host.deployRoot().toString())).trim();
    return Long.parseLong(out.split("\\s+")[0]);
  }

  static String usage(SandboxHost host) throws IOException, InterruptedException {
    double usedMb = usedKb(host) / 1024.0;
    return String.format(Locale.ROOT, "%.1f MB of its %d MB quota (%.0f %%)", usedMb, QUOTA_MB,
        100 * usedMb / QUOTA_MB);
  }

  /** Journal-like lines, as a verbose log fills a disk: text that gzip shrinks to a few percent. */
  private static void writeLogText(Path file, long bytes, Instant from) throws IOException {
    Files.createDirectories(file.getParent());
    DateTimeFormatter seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    long written = 0;
    long line = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String stamp = "";
      while (written < bytes) {
        if (line % 1000 == 0) {
          stamp = seconds.format(from.plusSeconds(line / 1000));
        }
        long millis = line % 1000;
        String text = stamp + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + millis
            + "Z spacetime[4242]: [GodotBridge] DEBUG frame " + line + " physics 11.1 ms render 8.3 ms budget ok\n";
        out.write(text);
        written += text.length();
        line++;
      }
    }
  }

  /** Bytes that do not compress, as a core dump's mostly do not. */
  private static void writeBytes(Path file, int mb) throws IOException {
    byte[] block = new byte[MB];
    Random random = new Random(file.toString().hashCode());
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mb; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
  }
}
