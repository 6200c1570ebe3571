package io.spacetime.runbook.alerts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Prometheus alerting rule, as a test gives it to {@link AlertingStack}: written into the
 * scenario's rule group with the stack's 1 s evaluation interval.
 *
 * <pre>
 * AlertRule.alert("HighErrorRate", scenario.series("spacetime_error_ratio") + " > 0.05")
 *     .label("severity", "critical").annotation("summary", "Error rate {{ $value }}")
 * </pre>
 *
 * @param forDuration how long the expression must hold before the alert fires (0: at once)
 */
public record AlertRule(String name, String expr, Duration forDuration, Map<String, String> labels,
    Map<String, String> annotations) {

  public AlertRule {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** Fires at the first evaluation where {@code expr} returns a series. */
  public static AlertRule alert(String name, String expr) {
    return new AlertRule(name, expr, Duration.ZERO, Map.of(), Map.of());
  }

  public AlertRule label(String name, String value) {
    return new AlertRule(this.name, expr, forDuration, with(labels, name, value), annotations);
  }

  public AlertRule annotation(String name, String value) {
    return new AlertRule(this.name, expr, forDuration, labels, with(annotations, name, value));
  }

  public AlertRule holdingFor(Duration duration) {
    return new AlertRule(name, expr, duration, labels, annotations);
  }

  /** The rule as Prometheus's rule file has it, with {@code extraLabels} (the scenario's) added. */
  Map<String, Object> toConfig(Map<String, String> extraLabels) {
    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.putAll(extraLabels);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", name);
    rule.put("expr", expr);
    rule.put("for", forDuration.toMillis() + "ms");
    rule.put("labels", allLabels);
    rule.put("annotations", annotations);
    return rule;
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(map);
    copy.put(key, value);
    return copy;
  }
}
