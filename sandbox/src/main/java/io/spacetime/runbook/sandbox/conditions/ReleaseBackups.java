package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Backup archives of a host's served release under {@code backups/}, in the layout of the
 * deployment's step 3.1 ({@code tar -czf ARCHIVE -C <deployRoot> <release dir>}: one top directory,
 * the release's own name, e.g. {@code production-v2.4.0/vr_main.tscn}), named like the runbook's
 * daily backups ({@code production_YYYYMMDD_HHMMSS.tar.gz}). What Incident 5's restore reads; a host
 * the engine has deployed to already has one from 3.1 ({@code production_pre_deploy_<id>.tar.gz},
 * holding the release it replaced).
 */
public final class ReleaseBackups {

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

  private ReleaseBackups() {}

  /** The directory the {@code production} link points to: the served release. */
  static Path servedRelease(SandboxHost host) throws IOException {
    if (!Files.isSymbolicLink(host.productionLink())) {
      throw new IOException(host.name() + ": " + host.productionLink() + " is not a link to a release");
    }
    return host.productionLink().toRealPath();
  }

  /**
   * Archives the served release as {@code backups/production_<now>.tar.gz} and returns the archive
   * (the same one when called twice within a second). Written to a temporary name first: a half
   * archive never carries a backup's name.
   */
  public static Path archiveServedRelease(SandboxHost host) throws IOException, InterruptedException {
    return archive(host, "production_" + STAMP.format(LocalDateTime.now()) + ".tar.gz");
  }

  static Path archive(SandboxHost host, String name) throws IOException, InterruptedException {
    Path release = servedRelease(host);
    Path archive = Files.createDirectories(host.backupsDir()).resolve(name);
    if (Files.exists(archive)) {
      return archive;
    }
    Path partial = archive.resolveSibling(name + ".partial");
    LocalCommand.run(host.deployRoot(), List.of("tar", "-czf", partial.toString(), "-C",
        release.getParent().toString(), release.getFileName().toString()));
    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
    return archive;
  }

  /** The archives under {@code backups/} that hold {@code <top dir>/<relative>}, newest first. */
  static List<Path> holding(SandboxHost host, String relative) throws IOException, InterruptedException {
    List<Path> found = new ArrayList<>();
    for (Path archive : archives(host)) {
      String listing;
      try {
        listing = LocalCommand.run(host.deployRoot(), List.of("tar", "-tzf", archive.toString()));
      } catch (IOException e) {
        continue; // not an archive tar can read: it holds nothing a restore could use
      }
      boolean holds = Arrays.stream(listing.split("\n"))
          .anyMatch(entry -> entry.indexOf('/') > 0 && entry.substring(entry.indexOf('/') + 1).equals(relative));
      if (holds) {
        found.add(archive);
      }
    }
    found.sort(Comparator.comparing(ReleaseBackups::modified).reversed());
    return found;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static List<Path> archives(SandboxHost host) throws IOException {
    List<Path> archives = new ArrayList<>();
    if (Files.isDirectory(host.backupsDir())) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(host.backupsDir(), "*.tar.gz")) {
        entries.forEach(archives::add);
      }
    }
    return archives;
  }
}
