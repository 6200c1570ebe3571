package io.spacetime.runbook.service;

import io.spacetime.runbook.ports.hosts.ReleaseEvent;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a host's release history says about its releases: which served when, which were rolled
 * back (and by which run), and so which release a rollback should restore — the newest one that
 * served before the current one and was not itself rolled back. Pure: workflow code and tests.
 *
 * <p>A release is rolled back when a deployment's undo or an Emergency Rollback moved the link
 * away from it; it counts as good again only when a later change deliberately points the link at
 * it (a rollback that names it with {@code toVersion}). A host with no history (never changed by
 * the engine) falls back to the runbook's {@code production.backup}.
 */
public final class ReleaseHistory {

  private final ReleaseState state;
  private final Map<String, ReleaseEvent> rolledBackBy = new LinkedHashMap<>();
  /** Directory -> position in the history when it stopped serving (higher is more recent). */
  private final Map<String, Integer> stoppedAt = new HashMap<>();

  private ReleaseHistory(ReleaseState state) {
    this.state = state;
    List<ReleaseEvent> events = state.history();
    for (int i = 0; i < events.size(); i++) {
      ReleaseEvent e = events.get(i);
      if (!e.fromDir().isEmpty()) {
        stoppedAt.put(e.fromDir(), i);
        if (e.kind().rollsBack()) {
          rolledBackBy.put(e.fromDir(), e);
        }
      }
      rolledBackBy.remove(e.toDir());
      stoppedAt.remove(e.toDir());
    }
    // The link moved outside the engine after the last recorded change (a change by hand): the
    // release the history last put in place stopped serving after everything it records.
    if (!events.isEmpty()) {
      String last = events.get(events.size() - 1).toDir();
      if (!last.equals(state.currentDir()) && !last.isEmpty()) {
        stoppedAt.put(last, events.size());
      }
    }
  }

  public static ReleaseHistory of(ReleaseState state) {
    return new ReleaseHistory(state);
  }

  /** The history as it would read after {@code change} (a rollback about to be made). */
  public ReleaseHistory after(ReleaseEvent change) {
    List<ReleaseEvent> events = new ArrayList<>(state.history());
    events.add(change);
    return new ReleaseHistory(new ReleaseState(state.host(), change.toDir(), change.version(), state.backupDir(),
        state.releaseDirs(), state.commands(), state.versions(), events));
  }

  /** True when the history records at least one change of this host's production link. */
  public boolean known() {
    return !state.history().isEmpty();
  }

  /**
   * True when the run {@code workflowId} left this host as it found it: it recorded no move here,
   * or its last move here was its own undo.
   */
  public boolean undoneOrUntouchedBy(String workflowId) {
    String id = ReleaseEvent.fileSafe(workflowId);
    ReleaseEvent last = null;
    for (ReleaseEvent e : state.history()) {
      if (e.workflowId().equals(id)) {
        last = e;
      }
    }
    return last == null || last.kind() == ReleaseEvent.Kind.UNDO;
  }

  /** The change that rolled {@code dir} back, if one did (and nothing restored it since). */
  public Optional<ReleaseEvent> rolledBack(String dir) {
    return Optional.ofNullable(rolledBackBy.get(dir));
  }

  /**
   * The release a rollback without a named version restores: the newest release that served
   * before the current one, still exists and was not rolled back; with no history, what
   * {@code production.backup} points at (when it is not the served release and not rolled back).
   */
  public Optional<String> lastKnownGood() {
    Optional<String> fromHistory = stoppedAt.entrySet().stream()
        .filter(e -> usable(e.getKey()))
        .max(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey);
    if (fromHistory.isPresent()) {
      return fromHistory;
    }
    String backup = state.backupDir();
    return usable(backup) && !stoppedAt.containsKey(backup) ? Optional.of(backup) : Optional.empty();
  }

  /**
   * Of several directories holding one version ({@code production-v2.4.0}, {@code
   * production-v2.4.0+2}), the one to restore: not rolled back first, then the one that served
   * last, then the newest build.
   */
  public Optional<String> bestOf(List<String> dirs) {
    return dirs.stream()
        .filter(dir -> !dir.isEmpty() && !dir.equals(state.currentDir()) && exists(dir))
        .max(Comparator.<String, Boolean>comparing(dir -> !rolledBackBy.containsKey(dir))
            .thenComparingInt(dir -> stoppedAt.getOrDefault(dir, -1))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** Every directory that exists next to the link, served or not. */
  public List<String> directories() {
    java.util.Set<String> all = new java.util.TreeSet<>(state.releaseDirs());
    all.addAll(state.versions().keySet());
    return List.copyOf(all);
  }

  /** The version a directory holds: its VERSION file, else the version in its name. */
  public String versionOf(String dir, String productionName) {
    String fromFile = state.versions().getOrDefault(dir, "");
    if (!fromFile.isEmpty()) {
      return fromFile;
    }
    return ReleaseDirs.versionInName(dir, productionName).orElse("");
  }

  private boolean usable(String dir) {
    return !dir.isEmpty() && !dir.equals(state.currentDir()) && !rolledBackBy.containsKey(dir) && exists(dir);
  }

  private boolean exists(String dir) {
    return state.versions().containsKey(dir) || state.releaseDirs().contains(dir);
  }
}
