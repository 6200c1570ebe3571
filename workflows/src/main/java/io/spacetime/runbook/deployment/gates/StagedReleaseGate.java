package io.spacetime.runbook.deployment.gates;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Measures;
import io.spacetime.runbook.core.Versions;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook 2.1 Version Verification: {@code staging/} holds the requested release. Its
 * {@code VERSION} file (when present) names it, and when staging is a git checkout,
 * {@code git describe --tags} names it and {@code git status} is clean. "v2.5.0" and "2.5.0" are
 * the same release.
 */
public final class StagedReleaseGate {

  public static final String GATE = "staged release";

  private StagedReleaseGate() {}

  public static GateResult check(StagedRelease s, String requestedVersion) {
    String host = Measures.on(s.host());
    if (!s.present()) {
      return GateResult.fail(GATE, "no release in staging/" + host + ": stage " + requestedVersion + " first");
    }
    if (s.version().isEmpty() && !s.gitCheckout()) {
      return GateResult.fail(GATE, "staging/" + host + " has no VERSION file and is not a git checkout: "
          + "cannot tell which release it holds");
    }
    List<GateResult> parts = new ArrayList<>();
    if (!s.version().isEmpty()) {
      parts.add(Versions.sameRelease(s.version(), requestedVersion)
          ? GateResult.pass(GATE, "staging/VERSION is " + s.version() + host)
          : GateResult.fail(GATE, "staging/VERSION is " + s.version() + " but " + requestedVersion + " was requested" + host));
    }
    if (s.gitCheckout()) {
      String commit = s.commit().isEmpty() ? "" : " (commit " + s.commit() + ")";
      parts.add(Versions.sameRelease(s.gitDescribe(), requestedVersion)
          ? GateResult.pass(GATE, "git describe is " + s.gitDescribe() + commit)
          : GateResult.fail(GATE, "git describe is " + (s.gitDescribe().isEmpty() ? "empty" : s.gitDescribe())
              + commit + ", not " + requestedVersion + host + ": check out the release tag"));
      parts.add(clean(s));
    }
    return GateResult.allOf(GATE, parts);
  }

  /** "No uncommitted changes in staging" (a git checkout only). */
  public static GateResult clean(StagedRelease s) {
    return s.clean()
        ? GateResult.pass(GATE, "no uncommitted changes")
        : GateResult.fail(GATE, "staging/ has uncommitted changes" + Measures.on(s.host()) + " (git status is not clean)");
  }

  /** 2.2 "Addon files present and readable": every required file of the release. */
  public static GateResult requiredFiles(StagedRelease s, List<String> required) {
    String host = Measures.on(s.host());
    return s.missingFiles().isEmpty()
        ? GateResult.pass(GATE, "present and readable in staging/" + host + ": " + String.join(", ", required))
        : GateResult.fail(GATE, "missing or unreadable in staging/" + host + ": " + String.join(", ", s.missingFiles()));
  }

  /** 2.2 "No file permission issues": every file of the release readable by the deploy user. */
  public static GateResult readable(StagedRelease s) {
    String host = Measures.on(s.host());
    return s.unreadableFiles() == null || s.unreadableFiles() == 0
        ? GateResult.pass(GATE, "every file in staging/ is readable" + host)
        : GateResult.fail(GATE, s.unreadableFiles() + " files in staging/ are not readable by the deploy user" + host);
  }
}
