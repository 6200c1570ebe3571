package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.document.RunbookDocument;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * This machine's copy of a runbook document, so {@code ./runbook run} can refuse bad parameters at
 * once instead of starting a run that the worker refuses a moment later. The worker still loads
 * and checks its own copy: this is the operator's early answer, not the authority. Provided by the
 * production CLI (it can read documents); without one, or without a local copy, the worker's
 * check is the only one.
 */
public interface DocumentPrecheck {

  /** The document {@code name} as this machine's runbook directories have it, if they do. */
  Optional<RunbookDocument> local(String name);

  /** The one the CLI ships ({@link ServiceLoader}), or one that never finds a document. */
  static DocumentPrecheck installed() {
    return ServiceLoader.load(DocumentPrecheck.class, DocumentPrecheck.class.getClassLoader()).findFirst()
        .orElse(name -> Optional.empty());
  }
}
