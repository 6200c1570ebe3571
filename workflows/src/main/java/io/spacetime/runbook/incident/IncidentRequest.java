package io.spacetime.runbook.incident;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.WorkflowInput;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opens an incident (the Web UI's one JSON input, a bot's {@code POST /v1/incidents}, or an alert):
 * {@code {"type":"high-error-rate","environment":"production","summary":"5xx at 7 %"}}.
 *
 * @param type one of the runbook's seven ({@link IncidentType})
 * @param severity P0..P4 when the reporter knows it; empty: assessed from measured evidence
 * @param source who opened it: {@code alertmanager}, {@code bot:slack}, {@code cli:alice}
 * @param fingerprint what makes two reports the same incident (an alert's fingerprint); empty: type + environment
 * @param labels free labels carried to the timeline (an alert's labels), never into a command
 * @param hosts the affected hosts by name; empty: every host of the environment
 */
@JsonClassDescription("{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"5xx at 7 %\"}")
public record IncidentRequest(String type, String environment, String summary, String severity, String source,
    String fingerprint, Map<String, String> labels, List<String> hosts) implements WorkflowInput {

  /** Fingerprints as alerting tools write them (Alertmanager: 16 hex digits), and safe as part of a workflow id. */
  public static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  /** A label name as Prometheus allows it. */
  public static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
  public static final int MAX_LABELS = 50;
  public static final int MAX_LABEL_VALUE = 500;
  public static final int MAX_HOSTS = 300;

  public IncidentRequest {
    severity = severity == null ? "" : severity;
    source = source == null ? "" : source;
    fingerprint = fingerprint == null ? "" : fingerprint;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }

  public IncidentType incidentType() {
    return IncidentType.fromName(type);
  }

  /** The given severity, if any. */
  public java.util.Optional<Severity> givenSeverity() {
    return severity.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Severity.fromName(severity));
  }

  @Override
  public void validate() {
    InputRules rules = InputRules.check()
        .environment("environment", environment)
        .text("summary", summary, true)
        .require(type != null && IncidentType.isKnown(type),
            "type " + (type == null || type.isEmpty() ? "is required" : "\"" + InputRules.printable(type) + "\" is not known")
                + "; use one of: " + IncidentType.names())
        .require(severity.isEmpty() || severity.matches("P[0-4]"),
            "severity \"" + InputRules.printable(severity) + "\" is not one of P0, P1, P2, P3, P4 (or leave it out to assess it)")
        .require(source.length() <= 100 && source.chars().noneMatch(Character::isISOControl),
            "source is at most 100 characters without control characters")
        .require(fingerprint.isEmpty() || FINGERPRINT.matcher(fingerprint).matches(),
            "fingerprint \"" + InputRules.printable(fingerprint) + "\" is not letters, digits and . _ : - (at most 100)")
        .require(labels.size() <= MAX_LABELS, "labels has " + labels.size() + " entries; at most " + MAX_LABELS)
        .require(hosts.size() <= MAX_HOSTS, "hosts has " + hosts.size() + " entries; at most " + MAX_HOSTS);
    labels.forEach((name, value) -> rules
        .require(LABEL_NAME.matcher(name).matches(), "labels: \"" + InputRules.printable(name) + "\" is not a label name ([A-Za-z_][A-Za-z0-9_]*)")
        .require(value != null && value.length() <= MAX_LABEL_VALUE && value.chars().noneMatch(c -> c < 0x20 && c != '\t'),
            "labels." + InputRules.printable(name) + " is at most " + MAX_LABEL_VALUE + " characters without control characters"));
    for (int i = 0; i < hosts.size(); i++) {
      rules.require(hosts.get(i) != null && InputRules.HOSTNAME.matcher(hosts.get(i)).matches(),
          "hosts[" + i + "] is not a host name of the environment file");
    }
    rules.orThrow("incident");
  }
}
