package io.spacetime.runbook.adapters.incident;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.adapters.AdapterFailures;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.incident.IncidentType;
import io.spacetime.runbook.incident.IncidentWorkflow;
import io.spacetime.runbook.ports.incident.IncidentHistory;
import io.spacetime.runbook.ports.incident.IncidentHistoryActivities;
import io.spacetime.runbook.ports.incident.IncidentHistoryQuery;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link IncidentHistoryActivities} from the server's visibility: a list query on the search
 * attributes every incident carries ({@code RunbookType}, {@code Environment}, set at its start by
 * {@link IncidentOpeningImpl} and the intake). A server without the list API (the embedded test
 * server answers UNIMPLEMENTED) is asked with the older open/closed execution lists, filtered by
 * workflow type and start time there and by the incident's key here (the key names the environment).
 * Reads only: the workflow's gate judges the count.
 */
public final class IncidentHistoryImpl implements IncidentHistoryActivities {

  private final WorkflowClient client;

  public IncidentHistoryImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public IncidentHistory incidentHistory(IncidentHistoryQuery query) {
    try {
      InputRules.check().environment("environment", query.environment()).orThrow("incident history query");
    } catch (InvalidInputException e) {
      throw AdapterFailures.invalidInput(e);
    }
    String visibility = visibilityQuery(query);
    try {
      List<IncidentSummary> found = client.listExecutions(visibility).limit(MAX + 1).map(IncidentHistoryImpl::summary)
          .toList();
      return answer(found, "visibility: " + visibility);
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e; // an outage: the activity is retried
      }
    }
    return answer(fromExecutionLists(query), "open" + (query.stillOpen() ? "" : " and closed")
        + " execution lists (this server has no visibility query)");
  }

  /** {@code WorkflowType = 'IncidentWorkflow' AND Environment = 'production' AND StartTime >= '...'}. */
  static String visibilityQuery(IncidentHistoryQuery query) {
    StringBuilder q = new StringBuilder("WorkflowType = '" + IncidentWorkflow.TYPE + "' AND "
        + RunbookSearchAttributes.ENVIRONMENT.getName() + " = '" + query.environment() + "'");
    if (query.openedAfter() > 0) {
      q.append(" AND StartTime >= '").append(Instant.ofEpochMilli(query.openedAfter())).append("'");
    }
    if (query.stillOpen()) {
      q.append(" AND ExecutionStatus = 'Running'");
    }
    return q.toString();
  }

  private static IncidentHistory answer(List<IncidentSummary> found, String source) {
    List<IncidentSummary> newestFirst = found.stream()
        .sorted(Comparator.comparingLong(IncidentSummary::startedAt).reversed()).toList();
    boolean truncated = newestFirst.size() > MAX;
    return new IncidentHistory(truncated ? newestFirst.subList(0, MAX) : newestFirst, source, truncated);
  }

  private static IncidentSummary summary(WorkflowExecutionMetadata run) {
    SearchAttributes attributes = run.getTypedSearchAttributes();
    return new IncidentSummary(run.getExecution().getWorkflowId(), value(attributes, RunbookSearchAttributes.INCIDENT_TYPE),
        value(attributes, RunbookSearchAttributes.ENVIRONMENT), value(attributes, RunbookSearchAttributes.SEVERITY),
        status(run.getStatus().name()), "", run.getStartTime().toEpochMilli(), "");
  }

  private List<IncidentSummary> fromExecutionLists(IncidentHistoryQuery query) {
    String namespace = client.getOptions().getNamespace();
    StartTimeFilter started = StartTimeFilter.newBuilder().setEarliestTime(timestamp(query.openedAfter()))
        .setLatestTime(timestamp(System.currentTimeMillis() + 60_000)).build();
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(IncidentWorkflow.TYPE).build();
    var service = client.getWorkflowServiceStubs().blockingStub();
    List<WorkflowExecutionInfo> runs = new ArrayList<>(service.listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(MAX + 1)
            .setStartTimeFilter(started).setTypeFilter(type).build()).getExecutionsList());
    if (!query.stillOpen()) {
      runs.addAll(service.listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
          .setNamespace(namespace).setMaximumPageSize(MAX + 1).setStartTimeFilter(started).setTypeFilter(type).build())
          .getExecutionsList());
    }
    Pattern ofEnvironment = keyOf(query.environment());
    return runs.stream().filter(run -> ofEnvironment.matcher(run.getExecution().getWorkflowId()).matches())
        .map(run -> {
          String key = run.getExecution().getWorkflowId();
          String rest = key.substring(("incident-" + query.environment() + "-").length());
          return new IncidentSummary(key, rest.startsWith("fp-") ? "" : rest, query.environment(), "",
              status(run.getStatus().name()), "", run.getStartTime().getSeconds() * 1000
                  + run.getStartTime().getNanos() / 1_000_000, "");
        }).toList();
  }

  /** An incident key of exactly this environment ({@code incident-it-...} must not match {@code incident-it-2-...}). */
  static Pattern keyOf(String environment) {
    String types = String.join("|", Arrays.stream(IncidentType.values()).map(IncidentType::jsonName).toList());
    return Pattern.compile(Pattern.quote("incident-" + environment + "-") + "(" + types + "|fp-[0-9a-f]{16})");
  }

  /** {@code WORKFLOW_EXECUTION_STATUS_RUNNING} → {@code Open}; the rest as the server says ("Completed"). */
  private static String status(String name) {
    String word = name.replace("WORKFLOW_EXECUTION_STATUS_", "");
    if (word.equals("RUNNING")) {
      return "Open";
    }
    return word.isEmpty() ? "" : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Timestamp timestamp(long epochMillis) {
    return Timestamp.newBuilder().setSeconds(epochMillis / 1000).setNanos((int) (epochMillis % 1000) * 1_000_000).build();
  }

  private static String value(SearchAttributes attributes, io.temporal.common.SearchAttributeKey<String> key) {
    return Optional.ofNullable(attributes.get(key)).orElse("");
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
