package io.spacetime.runbook.document;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.deployment.OperatorDecision;

/**
 * A person's note for a document's {@code note} step, sent as the {@code note} update: who writes
 * it and what it says (at most 500 characters; new lines allowed).
 */
@JsonClassDescription("{\"author\":\"Dana\",\"text\":\"read Sam's handoff: incident-production-disk-space is monitored\"}")
public record StepNote(String author, String text) implements OperatorDecision {

  @Override
  public void validate() {
    InputRules.check().person("author", author).text("text", text, true).orThrow("note");
  }

  /** A note never fails its step: it is evidence. */
  @Override
  public boolean rollsBack() {
    return false;
  }

  @Override
  public String approver() {
    return author;
  }

  @Override
  public String reason() {
    return text;
  }
}
