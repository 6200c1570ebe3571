package io.spacetime.runbook.starter.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alertmanager webhook bodies as Debian's Alertmanager 0.25 writes them (version 4). */
final class Alerts {

  static final String FINGERPRINT = "3f2a9c1d0e4b5a67";
  static final String FIRST_EPISODE = "2026-12-01T10:00:00.000Z";
  static final String SECOND_EPISODE = "2026-12-01T11:30:00.000Z";
  static final String KEY = "incident-production-fp-" + FINGERPRINT;

  private Alerts() {}

  static Map<String, Object> alert(String status, String fingerprint, String startsAt, Map<String, String> labels) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("status", status);
    alert.put("labels", labels);
    alert.put("annotations", Map.of("summary", "5xx rate above 5 % on the API", "description", "rate(...) > 0.05"));
    alert.put("startsAt", startsAt);
    alert.put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-12-01T10:20:00.000Z");
    alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=...");
    alert.put("fingerprint", fingerprint);
    return alert;
  }

  static Map<String, String> typedLabels() {
    return Map.of("alertname", "HighErrorRate", "incident_type", "high-error-rate", "environment", "production",
        "instance", "api-1:8080");
  }

  static Map<String, Object> highErrorRate(String status, String startsAt) {
    return alert(status, FINGERPRINT, startsAt, typedLabels());
  }

  @SafeVarargs
  static String notification(Map<String, Object>... alerts) {
    return notification(0, alerts);
  }

  @SafeVarargs
  static String notification(int truncated, Map<String, Object>... alerts) {
    Map<String, Object> body = body(truncated, List.of(alerts));
    return write(body);
  }

  static Map<String, Object> body(int truncated, List<Map<String, Object>> alerts) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receiver", "runbook-intake");
    body.put("status", alerts.stream().anyMatch(a -> "firing".equals(a.get("status"))) ? "firing" : "resolved");
    body.put("alerts", new ArrayList<>(alerts));
    body.put("groupLabels", Map.of("alertname", "HighErrorRate"));
    body.put("commonLabels", Map.of("alertname", "HighErrorRate"));
    body.put("commonAnnotations", Map.of());
    body.put("externalURL", "http://alertmanager:9093");
    body.put("version", "4");
    body.put("groupKey", "{}:{alertname=\"HighErrorRate\"}");
    body.put("truncatedAlerts", truncated);
    return body;
  }

  static String write(Object body) {
    try {
      return IntakeTestbed.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
