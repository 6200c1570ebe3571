package io.spacetime.runbook.cli;

import io.spacetime.runbook.adapters.document.DocumentActivitiesImpl;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.document.RunbookDocument;
import io.spacetime.runbook.starter.cli.DocumentPrecheck;
import io.spacetime.runbook.worker.RunbookHome;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads documents where the worker on this machine would ({@code RUNBOOK_DOCUMENTS}, else
 * {@code $RUNBOOK_HOME/runbooks} then {@code ./runbooks}), with the worker's own loader, so the
 * early answer is the one the worker would give. A document that is not here is not an error
 * (the worker may run elsewhere); one that is here and invalid is refused at once.
 */
public final class LocalDocuments implements DocumentPrecheck {

  private final List<Path> directories;

  /** The worker's directories on this machine, from the environment (the {@link java.util.ServiceLoader}'s way in). */
  public LocalDocuments() {
    this(RunbookHome.fromEnvironment().documentDirs());
  }

  public LocalDocuments(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  @Override
  public Optional<RunbookDocument> local(String name) {
    try {
      return Optional.of(new DocumentActivitiesImpl(directories).loadDocument(name).document());
    } catch (ApplicationFailure e) {
      if (FailureTypes.UNKNOWN_DOCUMENT.equals(e.getType())) {
        return Optional.empty();
      }
      throw new InvalidInputException(e.getOriginalMessage());
    }
  }
}
