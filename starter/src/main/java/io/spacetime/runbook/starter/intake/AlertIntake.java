package io.spacetime.runbook.starter.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentKey;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentType;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.AlertmanagerNotification.Alert;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an Alertmanager notification into incident reports. Each notification repeats the whole
 * group, so alerts are diffed by fingerprint: only an alert whose episode ({@code startsAt}) or
 * status changed since this intake last delivered it is sent on. A firing alert opens or joins its
 * incident (signal-with-start); a resolved one is recorded on the open incident and never starts
 * or resolves one. The workflow tells duplicates apart by episode as well, so an intake restart
 * (which forgets what it sent) or an HA pair delivering twice costs a signal, never an incident.
 *
 * <p>An alert whose type or environment cannot be told (no {@code incident_type} label and no
 * {@code --type-for} mapping of its {@code alertname}; no {@code environment} label and no default)
 * is refused and reported: the notification is answered 422, naming each such alert, after the
 * others were delivered. Alertmanager does not retry a 4xx but logs it and counts it in
 * {@code alertmanager_notifications_failed_total}, so a rule without a type shows up where its
 * owner looks, while the well-labelled alerts of the same group still open their incidents.
 */
final class AlertIntake {

  static final String SOURCE = "alertmanager";
  /** Fingerprints remembered; beyond, the oldest is forgotten (the workflow still drops its repeat). */
  static final int REMEMBERED = 10_000;

  private final RunbookClient client;
  private final IntakeSettings settings;
  private final Clock clock;
  private final Map<String, String> delivered = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED;
    }
  };

  AlertIntake(RunbookClient client, IntakeSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
  }

  /** What happened to each alert, for the response and the log. */
  record Received(String status, int truncatedAlerts, List<Map<String, Object>> accepted,
      List<Map<String, Object>> rejected, List<String> ignoredFields) {}

  Received receive(JsonNode body) {
    List<String> ignored = unknownFields(body);
    AlertmanagerNotification notification = JsonBodies.read(body, AlertmanagerNotification.class, JsonBodies.TOLERANT);
    if (!"4".equals(notification.version())) {
      throw ApiError.unprocessable("version \"" + InputRules.printable(String.valueOf(notification.version()))
          + "\" is not supported; this intake reads Alertmanager's webhook version \"4\"", "version");
    }
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<Map<String, Object>> rejected = new ArrayList<>();
    List<Runnable> deliveries = new ArrayList<>();
    for (int i = 0; i < notification.alerts().size(); i++) {
      Alert alert = notification.alerts().get(i);
      String at = "alerts[" + i + "]";
      try {
        Report report = report(alert, at);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("fingerprint", alert.fingerprint());
        line.put("incident", report.key());
        line.put("status", alert.status());
        line.put("episode", alert.startsAt());
        accepted.add(line);
        deliveries.add(() -> line.put("delivered", deliver(report)));
      } catch (ApiError e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("index", i);
        line.put("fingerprint", String.valueOf(alert.fingerprint()));
        line.put("alertname", alert.labels().getOrDefault("alertname", ""));
        line.put("error", e.getMessage());
        line.put("field", e.field());
        rejected.add(line);
      }
    }
    // Every alert is checked before any is sent, so a body that fails as a whole starts nothing.
    deliveries.forEach(Runnable::run);
    return new Received(String.valueOf(notification.status()), notification.truncatedAlerts(), accepted, rejected, ignored);
  }

  private record Report(String key, IncidentRequest request, AlertOccurrence occurrence) {}

  private Report report(Alert alert, String at) {
    if (alert.fingerprint() == null || !IncidentRequest.FINGERPRINT.matcher(alert.fingerprint()).matches()) {
      throw ApiError.unprocessable("the alert has no usable fingerprint (Alertmanager's 16 hex digits)", at + ".fingerprint");
    }
    if (alert.startsAt() == null || !isTimestamp(alert.startsAt())) {
      throw ApiError.unprocessable("startsAt \"" + InputRules.printable(String.valueOf(alert.startsAt()))
          + "\" is not an RFC 3339 time", at + ".startsAt");
    }
    String type = typeOf(alert, at);
    String environment = alert.labels().getOrDefault("environment", settings.defaultEnvironment());
    if (environment.isEmpty()) {
      throw ApiError.unprocessable("the alert has no environment label and the intake has no default"
          + " (--default-environment)", at + ".labels.environment");
    }
    String severity = alert.labels().getOrDefault("severity", "");
    IncidentRequest request = new IncidentRequest(type, environment, summaryOf(alert),
        severity.matches("P[0-4]") ? severity : "", SOURCE, alert.fingerprint(), alert.labels(), List.of());
    AlertOccurrence occurrence = new AlertOccurrence(alert.status(), alert.fingerprint(), alert.startsAt(),
        request.summary(), SOURCE, alert.labels(), clock.instant().toString());
    try {
      request.validate();
    } catch (InvalidInputException e) {
      throw JsonBodies.invalid(e, IncidentRequest.class, at + ".");
    }
    try {
      occurrence.validate();
    } catch (InvalidInputException e) {
      throw JsonBodies.invalid(e, AlertOccurrence.class, at + ".");
    }
    return new Report(IncidentKey.of(request), request, occurrence);
  }

  /** The {@code incident_type} label, else the {@code --type-for} mapping of {@code alertname}. */
  private String typeOf(Alert alert, String at) {
    String labelled = alert.labels().get("incident_type");
    if (labelled != null) {
      if (!IncidentType.isKnown(labelled)) {
        throw ApiError.unprocessable("incident_type \"" + InputRules.printable(labelled)
            + "\" is not an incident type; use one of: " + IncidentType.names(), at + ".labels.incident_type");
      }
      return labelled;
    }
    String alertname = alert.labels().getOrDefault("alertname", "");
    IncidentType mapped = settings.typeForAlertname().get(alertname);
    if (mapped == null) {
      throw ApiError.unprocessable("alert \"" + InputRules.printable(alertname) + "\" has no incident type: label the rule"
          + " with incident_type (one of: " + IncidentType.names() + ") or start the intake with --type-for "
          + (alertname.isEmpty() ? "ALERTNAME" : InputRules.printable(alertname)) + "=TYPE", at + ".labels.incident_type");
    }
    return mapped.jsonName();
  }

  /**
   * Sends the alert on unless this intake already delivered the same episode in the same status.
   * A resolved alert goes to the open incident only.
   */
  private String deliver(Report report) {
    String memoryKey = report.key() + "|" + report.occurrence().fingerprint();
    String seen = report.occurrence().episode() + "|" + report.occurrence().status();
    synchronized (delivered) {
      if (seen.equals(delivered.get(memoryKey))) {
        return "duplicate";
      }
    }
    String result;
    if (report.occurrence().firing()) {
      client.reportIncident(report.request(), report.occurrence());
      result = "sent";
    } else {
      result = client.reportToOpenIncident(report.key(), report.occurrence()) ? "sent" : "no open incident";
    }
    synchronized (delivered) {
      delivered.put(memoryKey, seen);
    }
    return result;
  }

  /**
   * The summary annotation (else the description, else the alert's name), shortened to what an
   * incident accepts: a long annotation written by a rule's author must not lose the alert.
   */
  private static String summaryOf(Alert alert) {
    String text = alert.annotations().getOrDefault("summary", alert.annotations().getOrDefault("description",
        alert.labels().getOrDefault("alertname", "alert " + alert.fingerprint())));
    String clean = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").strip();
    if (clean.isEmpty()) {
      clean = "alert " + alert.fingerprint();
    }
    return clean.length() <= InputRules.MAX_REASON_LENGTH ? clean : clean.substring(0, InputRules.MAX_REASON_LENGTH - 1) + "…";
  }

  private static boolean isTimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Fields outside version 4's schema, named so a newer Alertmanager's additions are visible. */
  private static List<String> unknownFields(JsonNode body) {
    List<String> unknown = new ArrayList<>(unknownIn(body, AlertmanagerNotification.class, ""));
    JsonNode alerts = body.get("alerts");
    if (alerts != null && alerts.isArray()) {
      for (int i = 0; i < alerts.size(); i++) {
        unknown.addAll(unknownIn(alerts.get(i), Alert.class, "alerts[" + i + "]."));
      }
    }
    return unknown;
  }

  private static List<String> unknownIn(JsonNode node, Class<?> record, String prefix) {
    if (node == null || !node.isObject()) {
      return List.of();
    }
    Set<String> known = Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknown.add(prefix + InputRules.printable(name));
      }
    }
    return unknown;
  }
}
