package io.spacetime.runbook.starter.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.SearchAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the open incidents: the server's visibility first; where the server has none (the
 * embedded test server answers UNIMPLEMENTED) the IncidentIndexWorkflow's {@code open} query.
 */
final class OpenIncidentSearch {

  /** A list for people, not an export: the first this many matches. */
  static final int MAX = 1000;
  /** The memo field holding the incident's summary, set when its run starts. */
  static final String SUMMARY_MEMO = "summary";

  private final WorkflowClient client;

  OpenIncidentSearch(WorkflowClient client) {
    this.client = client;
  }

  /** {@code index} asks the IncidentIndexWorkflow; it is called only where visibility is missing. */
  OpenIncidents find(IncidentFilter filter, Supplier<List<IncidentSummary>> index) {
    try {
      return new OpenIncidents(visibility(filter), OpenIncidents.VISIBILITY);
    } catch (RuntimeException e) {
      if (!isUnimplemented(e)) {
        throw e;
      }
    }
    return new OpenIncidents(fromIndex(filter, index), OpenIncidents.INDEX);
  }

  private List<IncidentSummary> visibility(IncidentFilter filter) {
    return client.listExecutions(filter.visibilityQuery()).limit(MAX).map(this::summary)
        .sorted(Comparator.comparingLong(IncidentSummary::startedAt).reversed()).toList();
  }

  private IncidentSummary summary(WorkflowExecutionMetadata run) {
    SearchAttributes attributes = run.getTypedSearchAttributes();
    Object summary = run.getMemo(SUMMARY_MEMO, String.class);
    return new IncidentSummary(run.getExecution().getWorkflowId(),
        value(attributes, RunbookSearchAttributes.INCIDENT_TYPE), value(attributes, RunbookSearchAttributes.ENVIRONMENT),
        value(attributes, RunbookSearchAttributes.SEVERITY), "Open", summary == null ? "" : summary.toString(),
        run.getStartTime().toEpochMilli(), "");
  }

  private static String value(SearchAttributes attributes, io.temporal.common.SearchAttributeKey<String> key) {
    return Optional.ofNullable(attributes.get(key)).orElse("");
  }

  private static List<IncidentSummary> fromIndex(IncidentFilter filter, Supplier<List<IncidentSummary>> index) {
    try {
      return index.get().stream().filter(filter::matches).limit(MAX).toList();
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        // No incident has opened on this namespace yet, so the index was never started.
        return List.of();
      }
      throw e;
    }
  }

  static boolean isUnimplemented(Throwable e) {
    return hasStatus(e, Status.Code.UNIMPLEMENTED);
  }

  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
    }
    return hasStatus(e, Status.Code.NOT_FOUND);
  }

  private static boolean hasStatus(Throwable e, Status.Code code) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) {
        return true;
      }
    }
    return false;
  }
}
