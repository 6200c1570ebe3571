package io.spacetime.runbook.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the worker polls: the namespace has every search attribute the runbook workflows upsert
 * (RunbookType, Environment, ...), as Keywords. Without them a run would fail at its first step
 * with an error about an attribute nobody mentioned; this says which are missing and the
 * commands that register them. A server that cannot list them (no operator API for this caller)
 * is warned about, not refused.
 */
final class SearchAttributeCheck {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeCheck.class);

  private SearchAttributeCheck() {}

  /** Throws {@link IllegalStateException} naming what is missing; returns when all are there. */
  static void require(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder(service.getOptions()).validateAndBuildWithDefaults());
    try {
      ListSearchAttributesResponse listed = operator.blockingStub()
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
      List<String> problems = problems(listed.getCustomAttributesMap());
      if (!problems.isEmpty()) {
        throw new IllegalStateException("namespace " + namespace + " is not ready for the runbook workflows: "
            + String.join("; ", problems) + ". Register them once per namespace:\n" + commands(namespace));
      }
      log.info("namespace {} has the runbook search attributes", namespace);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE || e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new IllegalStateException("cannot check namespace " + namespace + " at the Temporal server: "
            + e.getStatus().getCode() + " " + e.getStatus().getDescription(), e);
      }
      log.warn("could not list the search attributes of namespace {} ({}); make sure these are registered: {}",
          namespace, e.getStatus().getCode(), names());
    } finally {
      operator.shutdown();
    }
  }

  static List<String> problems(Map<String, IndexedValueType> registered) {
    List<String> missing = RunbookSearchAttributes.ALL.stream().map(k -> k.getName())
        .filter(name -> !registered.containsKey(name)).toList();
    List<String> wrongType = RunbookSearchAttributes.ALL.stream().map(k -> k.getName())
        .filter(name -> registered.containsKey(name) && registered.get(name) != IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .map(name -> name + " is " + registered.get(name) + ", not Keyword").toList();
    List<String> problems = new java.util.ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing search attributes " + String.join(", ", missing));
    }
    problems.addAll(wrongType);
    return problems;
  }

  private static String commands(String namespace) {
    return String.join("\n", RunbookSearchAttributes.ALL.stream()
        .map(k -> "  temporal operator search-attribute create --namespace " + namespace + " --name " + k.getName()
            + " --type Keyword")
        .toList());
  }

  private static String names() {
    return String.join(", ", RunbookSearchAttributes.ALL.stream().map(k -> k.getName()).toList());
  }
}
