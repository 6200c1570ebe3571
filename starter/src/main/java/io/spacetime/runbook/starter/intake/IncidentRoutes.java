package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.ShortHash;
import io.spacetime.runbook.incident.Acknowledgement;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.Decision;
import io.spacetime.runbook.incident.EscalationRequest;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.Note;
import io.spacetime.runbook.incident.Resolution;
import io.spacetime.runbook.incident.SeverityChange;
import io.spacetime.runbook.starter.client.IncidentFilter;
import io.spacetime.runbook.starter.client.IncidentOpened;
import io.spacetime.runbook.starter.client.OpenIncidents;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident endpoints: Alertmanager's webhook, bots' plain reports, the people-in-the-loop
 * updates, and the reads (list, state + timeline, post-mortem).
 */
final class IncidentRoutes {

  private static final Logger log = LoggerFactory.getLogger(IncidentRoutes.class);
  /** What {@code IncidentKey} makes: {@code incident-production-high-error-rate}, {@code incident-production-fp-3f2a...}. */
  static final Pattern KEY = Pattern.compile("incident-[a-z][a-z0-9-]{0,150}");
  private static final String KEY_EXPECTED = "an incident key like incident-production-high-error-rate";

  private final RunbookClient client;
  private final AlertIntake alerts;
  private final Clock clock;

  IncidentRoutes(RunbookClient client, IntakeSettings settings, Clock clock) {
    this.client = client;
    this.alerts = new AlertIntake(client, settings, clock);
    this.clock = clock;
  }

  void register(IntakeServer.Routes routes) {
    routes.post("/v1/alerts/alertmanager", this::alertmanager);
    routes.post("/v1/incidents", this::open);
    routes.get("/v1/incidents", this::list);
    routes.get("/v1/incidents/{id}", this::show);
    routes.get("/v1/incidents/{id}/postmortem", this::postMortem);
    update(routes, "ack", Acknowledgement.class, Acknowledgement::validate, client::acknowledgeIncident);
    update(routes, "notes", Note.class, Note::validate, client::addIncidentNote);
    update(routes, "severity", SeverityChange.class, SeverityChange::validate, client::setIncidentSeverity);
    update(routes, "approve", Decision.class, Decision::validate, client::approveIncidentAction);
    update(routes, "reject", Decision.class, Decision::validate, client::rejectIncidentAction);
    update(routes, "escalate", EscalationRequest.class, EscalationRequest::validate, client::escalateIncident);
    update(routes, "resolve", Resolution.class, Resolution::validate, client::resolveIncident);
  }

  private void alertmanager(Exchange http) {
    http.onlyQuery();
    AlertIntake.Received outcome = alerts.receive(JsonBodies.tree(http.body()));
    if (outcome.truncatedAlerts() > 0) {
      log.warn("Alertmanager left {} alert(s) out of this notification (truncatedAlerts; raise max_alerts of the"
          + " webhook receiver to see them)", outcome.truncatedAlerts());
    }
    for (Map<String, Object> rejected : outcome.rejected()) {
      log.warn("alert refused: {} ({})", rejected.get("error"), rejected.get("field"));
    }
    if (!outcome.ignoredFields().isEmpty()) {
      log.info("Alertmanager sent fields outside webhook version 4, ignored: {}", outcome.ignoredFields());
    }
    http.logIncident(String.join(",", outcome.accepted().stream().map(a -> String.valueOf(a.get("incident"))).distinct().toList()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", outcome.status());
    answer.put("truncatedAlerts", outcome.truncatedAlerts());
    answer.put("accepted", outcome.accepted());
    answer.put("rejected", outcome.rejected());
    answer.put("ignoredFields", outcome.ignoredFields());
    http.json(outcome.rejected().isEmpty() ? 200 : 422, answer);
  }

  /**
   * A bot's report: opens the incident or joins the open one. An {@code Idempotency-Key} makes a
   * retried POST the same report (one occurrence); without it each POST counts as a report.
   */
  private void open(Exchange http) {
    http.onlyQuery();
    String key = http.idempotencyKey();
    IncidentRequest request = http.body(IncidentRequest.class, IncidentRequest::validate);
    String received = clock.instant().toString();
    String episode = key == null ? received : "key:" + ShortHash.of(key);
    AlertOccurrence occurrence = new AlertOccurrence(AlertOccurrence.FIRING, request.fingerprint(), episode,
        request.summary(), request.source().isEmpty() ? "api" : request.source(), request.labels(), received);
    IncidentOpened opened = client.reportIncident(request, occurrence);
    http.logIncident(opened.key());
    http.json(202, Map.of("incident", opened.key(), "runId", opened.runId(),
        "links", Map.of("self", "/v1/incidents/" + opened.key(), "postmortem", "/v1/incidents/" + opened.key() + "/postmortem")));
  }

  private void list(Exchange http) {
    http.onlyQuery("environment", "severity", "type");
    IncidentFilter filter = new IncidentFilter(http.query("environment"), http.query("severity"), http.query("type"));
    try {
      filter.validate();
    } catch (InvalidInputException e) {
      throw new ApiError(400, e.getMessage(), JsonBodies.fieldOf(e.getMessage(), IncidentFilter.class));
    }
    OpenIncidents open = client.openIncidents(filter);
    http.json(200, Map.of("incidents", open.incidents(), "source", open.source()));
  }

  private void show(Exchange http) {
    http.onlyQuery();
    String key = key(http);
    IncidentState state = client.incidentState(key);
    http.json(200, Map.of("state", state, "timeline", client.incidentTimeline(key)));
  }

  private void postMortem(Exchange http) {
    http.onlyQuery();
    http.markdown(client.postMortem(key(http)));
  }

  private <T> void update(IntakeServer.Routes routes, String action, Class<T> type,
      Consumer<T> validate, BiFunction<String, T, IncidentState> send) {
    routes.post("/v1/incidents/{id}/" + action, http -> {
      http.onlyQuery();
      String key = key(http);
      T body = http.body(type, validate);
      try {
        http.json(200, send.apply(key, body));
      } catch (RuntimeException e) {
        throw closedOr(key, e);
      }
    });
  }

  /** An update of a closed incident says so (409) rather than "not found". */
  private RuntimeException closedOr(String key, RuntimeException e) {
    if (!IntakeServer.isNotFound(e)) {
      return e;
    }
    try {
      WorkflowExecutionStatus status = client.describe(key).getStatus();
      return new ApiError(409, "incident " + key + " is closed (" + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "")
          + "); a new report opens a new one", "id");
    } catch (WorkflowNotFoundException unknown) {
      return ApiError.notFound("no incident " + key);
    }
  }

  private static String key(Exchange http) {
    String key = http.pathParam("id", KEY, KEY_EXPECTED);
    http.logIncident(key);
    return key;
  }
}
