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
      parts.add(s.clean()
          ? GateResult.pass(GATE, "no uncommitted changes")
          : GateResult.fail(GATE, "staging/ has uncommitted changes" + host + " (git status is not clean)"));
    }
    return GateResult.allOf(GATE, parts);
  }
}
