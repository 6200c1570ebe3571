package io.spacetime.runbook.ports.hosts;

/**
 * One line of a host's release history ({@code <deployRoot>/release-history.tsv}): the production
 * link moved from {@code fromDir} to {@code toDir}, when, why and by which run. The history is
 * what makes "the last release that was known good" answerable: a release that a deployment's own
 * undo or an Emergency Rollback moved away from is a release that was rolled back.
 *
 * @param time when the host made the change, ISO-8601 UTC from the host's clock
 * @param kind why the link moved
 * @param version the version of {@code toDir}, as the run that moved the link knew it
 */
public record ReleaseEvent(
    String time, Kind kind, String toDir, String fromDir, String version, String workflowId, String runId) {

  /** Why the production link moved. */
  public enum Kind {
    /** Step 3 of a deployment: a new release serves. */
    DEPLOY,
    /** A deployment's own rollback point undid its Step 3: {@code fromDir} failed that deployment. */
    UNDO,
    /** The Emergency Rollback Procedure: {@code fromDir} was rolled back. */
    ROLLBACK;

    /** The word written in the history file. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind for a word of the history file; empty for a word this version does not know. */
    public static java.util.Optional<Kind> ofWord(String word) {
      for (Kind k : values()) {
        if (k.word().equals(word)) {
          return java.util.Optional.of(k);
        }
      }
      return java.util.Optional.empty();
    }

    /** True when the release moved away from was found bad. */
    public boolean rollsBack() {
      return this != DEPLOY;
    }
  }

  private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._:@/+=-]");

  /**
   * A value as the history file holds it (no tabs or newlines: anything outside a safe set becomes
   * {@code _}, at most 200 characters), so a workflow id read back compares equal to the one written.
   */
  public static String fileSafe(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String cut = value.length() > 200 ? value.substring(0, 200) : value;
    return UNSAFE.matcher(cut).replaceAll("_");
  }

  /** Absent text arrives as empty, never null: gates read it without checks. */
  public ReleaseEvent {
    time = time == null ? "" : time;
    kind = kind == null ? Kind.DEPLOY : kind;
    toDir = toDir == null ? "" : toDir;
    fromDir = fromDir == null ? "" : fromDir;
    version = version == null ? "" : version;
    workflowId = workflowId == null ? "" : workflowId;
    runId = runId == null ? "" : runId;
  }
}
