package io.spacetime.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.starter.cli.DocumentPrecheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own copy of a document, read as the worker reads it, for ./runbook run's early answer. */
class LocalDocumentsTest {

  @TempDir Path dir;

  @Test
  void aShippedDocumentIsFoundWithItsParameters() {
    LocalDocuments documents = new LocalDocuments(List.of(dir, Path.of("..", "runbooks")));

    assertThat(documents.local("maintenance-marker")).hasValueSatisfying(d ->
        assertThat(d.parameters()).containsKey("reason"));
  }

  @Test
  void aDocumentThisMachineDoesNotHaveIsLeftToTheWorker() {
    assertThat(new LocalDocuments(List.of(dir)).local("nowhere")).isEmpty();
  }

  @Test
  void anInvalidLocalDocumentIsRefusedAtOnceWithItsProblem() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "name: bad\ndescription: d\nsteps:\n  - id: \"1\"\n    title: t\n"
        + "    run: {command: \"true\", timeout: 5}\n");

    assertThatThrownBy(() -> new LocalDocuments(List.of(dir)).local("bad")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("steps[0].run.timeout: property 'timeout' is not defined");
  }

  @Test
  void theCliShipsItAsThePrecheck() {
    assertThat(DocumentPrecheck.installed()).isInstanceOf(LocalDocuments.class);
  }
}
