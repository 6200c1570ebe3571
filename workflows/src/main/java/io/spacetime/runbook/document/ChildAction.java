package io.spacetime.runbook.document;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runbook}: another runbook as a child workflow on the run's environment, exactly one of a
 * deployment, an Emergency Rollback, or another document. The step passes when the child SUCCEEDED.
 * Declared parameters in its text fields are replaced by their values; the child checks them as
 * its own input (a version that is no release version fails the child at once).
 */
public record ChildAction(Deployment deployment, Rollback rollback, Document document) {

  /** A deployment of {@code version} ({@code watch}: the watch window, {@code off} or a duration). */
  public record Deployment(String version, String watch) {
    public Deployment {
      watch = watch == null ? "" : watch;
    }
  }

  /** The Emergency Rollback Procedure, with its reason, to the previous release or {@code toVersion}. */
  public record Rollback(String reason, String toVersion) {
    public Rollback {
      toVersion = toVersion == null ? "" : toVersion;
    }
  }

  /** Another document, with its parameters. */
  public record Document(String name, Map<String, String> parameters) {
    public Document {
      parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
  }
}
