package io.spacetime.runbook.document;

import io.temporal.activity.ActivityInterface;

/** Reading runbook documents from the worker's document directories. */
@ActivityInterface
public interface DocumentActivities {

  /**
   * Loads {@code runbooks/<name>.yaml}, validated against the schema and the document rules; an
   * invalid or missing document is a non-retryable failure naming the file, line and field.
   */
  LoadedDocument loadDocument(String name);
}
