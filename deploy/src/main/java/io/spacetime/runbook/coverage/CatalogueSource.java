package io.spacetime.runbook.coverage;

import io.spacetime.runbook.core.StepCatalogue;
import java.util.List;

/**
 * Where the drift check learns what the engine implements. The Java workflows are one source
 * ({@link EngineCatalogues}); declarative runbook documents are meant to be another: one
 * {@link StepCatalogue} per document, its steps {@code new Step(id, title)} from the document's
 * steps, {@code runbook} the Markdown file the document cites.
 */
public interface CatalogueSource {

  /** Names the source in messages ("the Java workflows", "runbooks/*.yaml"). */
  String describe();

  List<StepCatalogue> catalogues();
}
