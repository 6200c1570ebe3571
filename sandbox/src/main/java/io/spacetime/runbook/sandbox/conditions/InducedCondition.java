package io.spacetime.runbook.sandbox.conditions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What inducing a condition did on one host: for the person at the command line (the summary) and
 * for a test that checks the fix removed exactly it.
 *
 * @param summary one or two sentences: what holds now and what ends it
 * @param paths the files it deleted ({@code scene-missing}), made unreadable ({@code scene-unreadable})
 *     or created ({@code disk-fill}, {@code backups-pile}); empty for the others
 * @param beyondRetention {@code backups-pile}: the dated archives under {@code backups/} that the
 *     runbook's retention (7 daily, 4 weekly, 3 monthly) deletes; empty for the others
 * @param killedPid {@code crash}, {@code port-conflict}: the service process it killed; 0 otherwise
 * @param foreignPid {@code port-conflict}: the process that now holds the API port; 0 otherwise
 * @param until when a runtime condition ends by itself; empty: at the service's restart (runtime
 *     conditions) or when fixed (the others)
 */
public record InducedCondition(Condition condition, String host, String summary, List<Path> paths,
    List<Path> beyondRetention, long killedPid, long foreignPid, Optional<Instant> until) {

  public InducedCondition {
    paths = paths == null ? List.of() : List.copyOf(paths);
    beyondRetention = beyondRetention == null ? List.of() : List.copyOf(beyondRetention);
    until = until == null ? Optional.empty() : until;
  }

  static InducedCondition of(Condition condition, String host, String summary) {
    return new InducedCondition(condition, host, summary, List.of(), List.of(), 0, 0, Optional.empty());
  }
}
