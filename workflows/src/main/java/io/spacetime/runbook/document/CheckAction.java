package io.spacetime.runbook.document;

/**
 * {@code check}: a gate over the evidence of an earlier {@code run} step ({@code of}), judged on
 * every host that step ran on. Each given condition must hold.
 *
 * @param exitCode the exit code the command must have returned
 * @param outputMatches a regular expression the output must contain a match of
 * @param outputLacks a regular expression the output must not contain a match of
 * @param value a number read from the output and its limits
 */
public record CheckAction(String of, Integer exitCode, String outputMatches, String outputLacks, ValueCheck value) {

  /**
   * A number read from the output by {@code pattern}'s first group ({@code "([0-9.]+)%"}), with its
   * {@code unit} for the report, that must lie within {@code min} and {@code max} (each optional).
   */
  public record ValueCheck(String pattern, String unit, Double min, Double max) {

    public ValueCheck {
      unit = unit == null ? "" : unit;
    }
  }
}
