package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.InputRules;

/** "Document findings": {@code {"by":"alice","text":"errors started at 10:02 with the v2.5.0 deploy"}}. */
public record Note(String by, String text) {

  public void validate() {
    InputRules.check().person("by", by).text("text", text, true).orThrow("note");
  }
}
