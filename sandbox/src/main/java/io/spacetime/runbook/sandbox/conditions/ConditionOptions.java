package io.spacetime.runbook.sandbox.conditions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link Condition} is induced: each setting with its default, and each applying to some
 * conditions only. Immutable; built with {@link #newBuilder()}, checked against the condition when
 * it is induced ({@link #problemsFor}), so a setting that would be ignored is refused instead. The
 * names in messages are the command line's ({@code --rate}).
 */
public final class ConditionOptions {

  /** The runbook's "API error rate > 5 %" ten times over: unmistakably P1. */
  public static final int DEFAULT_RATE_PERCENT = 50;
  /** Above the runbook's 1 s P1 line for slow responses. */
  public static final int DEFAULT_DELAY_MS = 1200;
  public static final int DEFAULT_MB_PER_SECOND = 2;
  public static final List<String> DEFAULT_SCENES = List.of("vr_main.tscn");

  private static final ConditionOptions DEFAULTS = newBuilder().build();

  private enum Setting {
    RATE("--rate", EnumSet.of(Condition.ERRORS)),
    DELAY("--delay-ms", EnumSet.of(Condition.SLOW)),
    MB_PER_SECOND("--mb-per-second", EnumSet.of(Condition.MEMORY_GROWTH)),
    LASTING("--for", EnumSet.of(Condition.ERRORS, Condition.SLOW, Condition.AUTH, Condition.MEMORY_GROWTH)),
    FILL_MB("--mb", EnumSet.of(Condition.DISK_FILL)),
    SCENES("--scene", EnumSet.of(Condition.SCENE_MISSING, Condition.SCENE_UNREADABLE)),
    BACKUP_FIRST("--backup", EnumSet.of(Condition.SCENE_MISSING, Condition.SCENE_UNREADABLE));

    final String option;
    final Set<Condition> appliesTo;

    Setting(String option, Set<Condition> appliesTo) {
      this.option = option;
      this.appliesTo = appliesTo;
    }
  }

  private final int ratePercent;
  private final int delayMs;
  private final int mbPerSecond;
  private final Duration lasting;
  private final int fillMb;
  private final List<String> scenes;
  private final boolean backupFirst;
  private final Set<Setting> given;

  private ConditionOptions(Builder b) {
    this.ratePercent = b.ratePercent;
    this.delayMs = b.delayMs;
    this.mbPerSecond = b.mbPerSecond;
    this.lasting = b.lasting;
    this.fillMb = b.fillMb;
    this.scenes = List.copyOf(b.scenes);
    this.backupFirst = b.backupFirst;
    this.given = Set.copyOf(b.given);
  }

  /** Every setting at its default. */
  public static ConditionOptions defaults() {
    return DEFAULTS;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** {@code errors}: the share of API responses that fail, 1-100. */
  public int ratePercent() {
    return ratePercent;
  }

  /** {@code slow}: milliseconds added to every API response. */
  public int delayMs() {
    return delayMs;
  }

  /** {@code memory-growth}: how fast the resident memory grows. */
  public int mbPerSecond() {
    return mbPerSecond;
  }

  /** A runtime condition's duration; empty: until the service restarts. */
  public Optional<Duration> lasting() {
    return Optional.ofNullable(lasting);
  }

  /** {@code disk-fill}: the old log's size in MB; 0: enough to take the deploy root past 95 % of its quota. */
  public int fillMb() {
    return fillMb;
  }

  /** {@code scene-*}: the scene files, relative to the served release. */
  public List<String> scenes() {
    return scenes;
  }

  /** {@code scene-*}: archive the served release into {@code backups/} first, so a restore has a source. */
  public boolean backupFirst() {
    return backupFirst;
  }

  /** What is wrong with these options for {@code condition}: settings it does not take; empty when none. */
  public List<String> problemsFor(Condition condition) {
    List<String> problems = new ArrayList<>();
    for (Setting setting : given) {
      if (!setting.appliesTo.contains(condition)) {
        problems.add(setting.option + " does not apply to " + condition + " (it applies to "
            + String.join(", ", setting.appliesTo.stream().map(Condition::jsonName).toList()) + ")");
      }
    }
    problems.sort(null);
    return problems;
  }

  /** Settings with their defaults; {@link #build()} checks each range and names every problem at once. */
  public static final class Builder {
    private int ratePercent = DEFAULT_RATE_PERCENT;
    private int delayMs = DEFAULT_DELAY_MS;
    private int mbPerSecond = DEFAULT_MB_PER_SECOND;
    private Duration lasting;
    private int fillMb;
    private List<String> scenes = DEFAULT_SCENES;
    private boolean backupFirst;
    private final Set<Setting> given = new LinkedHashSet<>();

    private Builder() {}

    public Builder ratePercent(int value) {
      ratePercent = value;
      given.add(Setting.RATE);
      return this;
    }

    public Builder delayMs(int value) {
      delayMs = value;
      given.add(Setting.DELAY);
      return this;
    }

    public Builder mbPerSecond(int value) {
      mbPerSecond = value;
      given.add(Setting.MB_PER_SECOND);
      return this;
    }

    /** The condition ends by itself after {@code value} (else at the service's restart). */
    public Builder lasting(Duration value) {
      lasting = value;
      given.add(Setting.LASTING);
      return this;
    }

    public Builder fillMb(int value) {
      fillMb = value;
      given.add(Setting.FILL_MB);
      return this;
    }

    public Builder scenes(List<String> value) {
      scenes = value == null ? DEFAULT_SCENES : List.copyOf(value);
      given.add(Setting.SCENES);
      return this;
    }

    public Builder backupFirst(boolean value) {
      backupFirst = value;
      given.add(Setting.BACKUP_FIRST);
      return this;
    }

    /** @throws IllegalArgumentException naming every setting out of its range */
    public ConditionOptions build() {
      List<String> problems = new ArrayList<>();
      if (ratePercent < 1 || ratePercent > 100) {
        problems.add("--rate is a percentage of responses, 1-100, not " + ratePercent);
      }
      if (delayMs < 1 || delayMs > 60_000) {
        problems.add("--delay-ms is 1-60000 ms, not " + delayMs);
      }
      if (mbPerSecond < 1 || mbPerSecond > 64) {
        problems.add("--mb-per-second is 1-64, not " + mbPerSecond);
      }
      if (lasting != null && (lasting.toMillis() < 1000 || lasting.compareTo(Duration.ofDays(1)) > 0)) {
        problems.add("--for is 1 s to 1 day, not " + lasting.toSeconds() + " s");
      }
      if (given.contains(Setting.FILL_MB) && (fillMb < 1 || fillMb > 10_240)) {
        problems.add("--mb is 1-10240, not " + fillMb);
      }
      if (scenes.isEmpty()) {
        problems.add("--scene needs at least one scene file");
      }
      scenes.stream().filter(s -> !releaseRelative(s)).forEach(s ->
          problems.add("--scene " + s + " is not a file inside the release (like vr_main.tscn or scenes/a.tscn)"));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("condition options are invalid: " + String.join("; ", problems));
      }
      return new ConditionOptions(this);
    }

    private static boolean releaseRelative(String scene) {
      if (scene == null || scene.isBlank() || scene.indexOf('\0') >= 0) {
        return false;
      }
      Path path = Path.of(scene).normalize();
      return !path.isAbsolute() && !path.startsWith("..") && !path.toString().isEmpty();
    }
  }
}
