package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative runbook as {@code runbooks/<name>.yaml} writes it (README "Runbook documents"): its
 * typed parameters and its steps, each named after the Markdown runbook it implements and doing one
 * action. Validated by the loader against {@code runbook-document.schema.json} and the document rules
 * before a run sees it; recorded in the run's history with its hash, so a run never reads the file again.
 *
 * @param source the Markdown runbook the steps come from ("RUNBOOK_DEPLOYMENT.md")
 */
// The coverage: block is the drift check's (adapters' DocumentCoverage), never a run's.
@JsonIgnoreProperties("coverage")
public record RunbookDocument(
    String name, String description, String source, Map<String, DocumentParameter> parameters, List<DocumentStep> steps) {

  public RunbookDocument {
    description = description == null ? "" : description;
    source = source == null ? "" : source;
    parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
