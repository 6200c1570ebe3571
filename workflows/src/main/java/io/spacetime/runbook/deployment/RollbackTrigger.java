package io.spacetime.runbook.deployment;

import io.spacetime.runbook.environment.WatchSettings;
import java.util.Locale;

/**
 * RUNBOOK_DEPLOYMENT.md "When to Rollback" as a pure function of one watch-window sample: error
 * rate above {@code rollbackErrorRatePercent} (5 %) or p95 above {@code rollbackP95Ms} (500 ms) is
 * "Immediate Rollback Required"; above 1 % or 300 ms it is "Consider Rollback". The worst reading
 * of the sample decides, and the verdict's reason names the sample, the reading and the threshold.
 */
final class RollbackTrigger {

  /** What a sample calls for, mildest first. */
  enum Level { NONE, CONSIDER, ROLLBACK }

  /** Which of the runbook's two signals crossed its line. */
  enum Signal { ERROR_RATE, P95 }

  /**
   * @param signal the signal that crossed, null for {@link Level#NONE}
   * @param reason what was measured against which threshold, naming the sample
   */
  record Verdict(Level level, Signal signal, String reason, WatchSample sample) {}

  private RollbackTrigger() {}

  static Verdict judge(WatchSample sample, WatchSettings t) {
    Verdict worst = new Verdict(Level.NONE, null, sample.label() + ": within the runbook's limits", sample);
    for (WatchSample.Reading r : sample.readings()) {
      if (!r.traffic()) {
        continue;
      }
      Verdict v = judge(sample, r, t);
      if (v.level().compareTo(worst.level()) > 0) {
        worst = v;
      }
    }
    return worst;
  }

  private static Verdict judge(WatchSample sample, WatchSample.Reading r, WatchSettings t) {
    if (r.errorRatePercent() > t.rollbackErrorRatePercent()) {
      return verdict(Level.ROLLBACK, Signal.ERROR_RATE, sample, r, "error rate", pct(r.errorRatePercent()),
          pct(t.rollbackErrorRatePercent()), "Immediate Rollback Required");
    }
    if (r.p95Ms() > t.rollbackP95Ms()) {
      return verdict(Level.ROLLBACK, Signal.P95, sample, r, "p95", ms(r.p95Ms()), ms(t.rollbackP95Ms()),
          "Immediate Rollback Required");
    }
    if (r.errorRatePercent() > t.considerErrorRatePercent()) {
      return verdict(Level.CONSIDER, Signal.ERROR_RATE, sample, r, "error rate", pct(r.errorRatePercent()),
          pct(t.considerErrorRatePercent()), "Consider Rollback");
    }
    if (r.p95Ms() > t.considerP95Ms()) {
      return verdict(Level.CONSIDER, Signal.P95, sample, r, "p95", ms(r.p95Ms()), ms(t.considerP95Ms()),
          "Consider Rollback");
    }
    return new Verdict(Level.NONE, null, sample.label() + ": within the runbook's limits", sample);
  }

  private static Verdict verdict(Level level, Signal signal, WatchSample sample, WatchSample.Reading r, String what,
      String measured, String limit, String runbookRule) {
    return new Verdict(level, signal, sample.label() + ": " + what + " " + measured + " > " + limit + " on "
        + r.where() + " (" + sample.source() + "; runbook \"When to Rollback\": " + runbookRule + ")", sample);
  }

  private static String pct(double value) {
    return String.format(Locale.ROOT, "%.1f %%", value);
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, "%.0f ms", value);
  }
}
