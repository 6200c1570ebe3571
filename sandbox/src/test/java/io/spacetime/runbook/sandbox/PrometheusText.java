package io.spacetime.runbook.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the Prometheus text exposition format in tests, one sample line at a time. */
public final class PrometheusText {

  private PrometheusText() {}

  /** The value of the sample {@code nameAndLabels} (exactly as exposed), if the text has it. */
  public static Optional<Double> find(String text, String nameAndLabels) {
    Matcher m = Pattern.compile("^" + Pattern.quote(nameAndLabels) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** {@link #find}, failing the test with the whole text when the sample is absent. */
  public static double sample(String text, String nameAndLabels) {
    Optional<Double> value = find(text, nameAndLabels);
    assertTrue(value.isPresent(), nameAndLabels + " is not in:\n" + text);
    return value.get();
  }
}
