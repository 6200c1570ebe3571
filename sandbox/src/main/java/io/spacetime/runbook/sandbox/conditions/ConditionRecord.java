package io.spacetime.runbook.sandbox.conditions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sandbox induced on a host that the service does not hold, and what undoes it:
 * {@code <host root>/conditions/<condition>.json}, outside the deploy root. Written when the
 * condition is induced, deleted when it is cleared; the CLI's processes and the sandbox's JVM share
 * it. Whether the condition still holds is never read from here but measured (the incident
 * workflow may have fixed it meanwhile); this says only what to measure and what to undo.
 *
 * @param paths the files the condition concerns (deleted, changed or created)
 * @param restore per path, what undoes the change: the saved copy ({@code scene-missing}) or the
 *     original permissions ({@code scene-unreadable})
 * @param beyondRetention {@code backups-pile}: the archives the retention deletes
 * @param pid the killed service ({@code crash}) or the foreign listener ({@code port-conflict})
 */
record ConditionRecord(Condition condition, List<String> paths, Map<String, String> restore,
    List<String> beyondRetention, long pid, long inducedAtEpochMs) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ConditionRecord {
    paths = paths == null ? List.of() : List.copyOf(paths);
    restore = restore == null ? Map.of() : Map.copyOf(restore);
    beyondRetention = beyondRetention == null ? List.of() : List.copyOf(beyondRetention);
  }

  List<Path> files() {
    return paths.stream().map(Path::of).toList();
  }

  void write(SandboxHost host) throws IOException {
    Files.createDirectories(host.conditionsDir());
    Path file = file(host, condition);
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    JSON.writeValue(partial.toFile(), this);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }

  static Optional<ConditionRecord> read(SandboxHost host, Condition condition) throws IOException {
    Path file = file(host, condition);
    return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), ConditionRecord.class)) : Optional.empty();
  }

  static void delete(SandboxHost host, Condition condition) throws IOException {
    Files.deleteIfExists(file(host, condition));
  }

  private static Path file(SandboxHost host, Condition condition) {
    return host.conditionsDir().resolve(condition.jsonName() + ".json");
  }
}
