package io.spacetime.runbook.adapters.document;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;

import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.document.DocumentActivities;
import io.spacetime.runbook.document.LoadedDocument;
import io.spacetime.runbook.document.RunbookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads {@code <name>.yaml} from the first document directory that has it ({@code RUNBOOK_DOCUMENTS},
 * by default {@code $RUNBOOK_HOME/runbooks} then {@code ./runbooks}). Read-only, so safe to retry.
 */
public final class DocumentActivitiesImpl implements DocumentActivities {

  private final List<Path> directories;

  public DocumentActivitiesImpl(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  @Override
  public LoadedDocument loadDocument(String name) {
    if (name == null || !RunbookRequest.NAME.matcher(name).matches()) {
      throw nonRetryable(FailureTypes.INVALID_INPUT, "runbook \"" + name + "\" is not a document name (lower-case"
          + " letters, digits and dashes)");
    }
    Path file = find(name).orElseThrow(() -> nonRetryable(FailureTypes.UNKNOWN_DOCUMENT, "no runbook document "
        + name + ".yaml in " + directories.stream().map(Path::toString).collect(Collectors.joining(", "))
        + " (RUNBOOK_DOCUMENTS sets where documents are looked up)"));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String shown = "runbooks/" + name + ".yaml";
    DocumentReader.Reading reading = DocumentReader.read(shown, name, text);
    if (!reading.valid()) {
      throw nonRetryable(FailureTypes.DOCUMENT_INVALID, file + " is invalid: " + reading.problems().stream()
          .map(DocumentProblem::toString).collect(Collectors.joining("; ")));
    }
    return new LoadedDocument(shown, sha256(text), text, reading.document());
  }

  private Optional<Path> find(String name) {
    return directories.stream().map(d -> d.resolve(name + ".yaml")).filter(Files::isRegularFile).findFirst();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
