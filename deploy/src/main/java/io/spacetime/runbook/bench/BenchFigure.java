package io.spacetime.runbook.bench;

import java.util.Locale;

/**
 * One figure of a bench run: what was measured, its value (null when it could not be measured),
 * and the goal it is judged against (null for a figure printed for information only).
 *
 * @param bench the bench's letter, as the help and README name it ("a")
 * @param name what the figure is, short enough for the table ("engine / ControlMaster, 20 commands")
 * @param detail the figures it was computed from and anything a reader needs to trust it
 */
public record BenchFigure(String bench, String name, Double value, Unit unit, Goal goal, String detail) {

  public BenchFigure {
    detail = detail == null ? "" : detail;
  }

  /** A figure that could not be measured: a MISS when it has a goal. */
  public static BenchFigure notMeasured(String bench, String name, Unit unit, Goal goal, String why) {
    return new BenchFigure(bench, name, null, unit, goal, why);
  }

  public enum Result { PASS, MISS, INFO }

  public Result result() {
    if (goal == null) {
      return Result.INFO;
    }
    return value != null && goal.met(value) ? Result.PASS : Result.MISS;
  }

  /** "1.42", "1.5 s", "547 ms", "not measured". */
  public String measured() {
    return value == null ? "not measured" : unit.format(value);
  }

  /** "<= 1.2", "< 10 s", "none". */
  public String goalText() {
    return goal == null ? "none" : goal.comparison().symbol + " " + unit.formatLimit(goal.limit());
  }

  /** How a figure is judged: {@code value <comparison> limit}. */
  public record Goal(Comparison comparison, double limit) {

    public static Goal atMost(double limit) {
      return new Goal(Comparison.AT_MOST, limit);
    }

    public static Goal below(double limit) {
      return new Goal(Comparison.BELOW, limit);
    }

    public static Goal atLeast(double limit) {
      return new Goal(Comparison.AT_LEAST, limit);
    }

    public static Goal above(double limit) {
      return new Goal(Comparison.ABOVE, limit);
    }

    public static Goal exactly(double limit) {
      return new Goal(Comparison.EXACTLY, limit);
    }

    boolean met(double value) {
      return switch (comparison) {
        case AT_MOST -> value <= limit;
        case BELOW -> value < limit;
        case AT_LEAST -> value >= limit;
        case ABOVE -> value > limit;
        case EXACTLY -> value == limit;
      };
    }
  }

  public enum Comparison {
    AT_MOST("<="), BELOW("<"), AT_LEAST(">="), ABOVE(">"), EXACTLY("=");

    final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The unit of a figure and of its goal, and how many decimals it is shown with. */
  public enum Unit {
    RATIO("ratio", "", 2), SECONDS("s", " s", 1), MILLISECONDS("ms", " ms", 0), MEGABYTES("MB", " MB", 0),
    COUNT("count", "", 0), PERCENT("percent", " %", 1), PER_MINUTE("per_minute", "/min", 1);

    private final String jsonName;
    private final String suffix;
    private final int decimals;

    Unit(String jsonName, String suffix, int decimals) {
      this.jsonName = jsonName;
      this.suffix = suffix;
      this.decimals = decimals;
    }

    public String jsonName() {
      return jsonName;
    }

    String format(double value) {
      return String.format(Locale.ROOT, "%." + decimals + "f", value) + suffix;
    }

    /** A goal as it is written ("1.2", "10 s"), not padded to the figure's decimals. */
    String formatLimit(double limit) {
      return java.math.BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString() + suffix;
    }
  }
}
