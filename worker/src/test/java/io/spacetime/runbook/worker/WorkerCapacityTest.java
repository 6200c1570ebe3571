package io.spacetime.runbook.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCapacityTest {

  @Test
  void withoutVariablesTheDefaultsHoldAThousandOpenIncidentsInTheCache() {
    WorkerCapacity capacity = WorkerCapacity.from(Map.of());
    WorkerFactoryOptions factory = capacity.factoryOptions();
    assertEquals(2000, factory.getWorkflowCacheSize());
    assertEquals(4000, factory.getMaxWorkflowThreadCount());
    assertFalse(factory.getWorkerInterceptors().length == 0); // the InputGuard stays in
    assertEquals(64, capacity.workerOptions().getMaxConcurrentActivityExecutionSize());
    assertEquals(4, capacity.hostConcurrency());
  }

  @Test
  void eachVariableSetsItsLimit() {
    WorkerCapacity capacity = WorkerCapacity.from(Map.of("RUNBOOK_WORKFLOW_CACHE", "50", "RUNBOOK_WORKFLOW_THREADS", "120",
        "RUNBOOK_WORKFLOW_TASK_SLOTS", "7", "RUNBOOK_ACTIVITY_SLOTS", "9", "RUNBOOK_WORKFLOW_POLLERS", "2",
        "RUNBOOK_ACTIVITY_POLLERS", "3", "RUNBOOK_HOST_CONCURRENCY", "2"));
    WorkerOptions options = capacity.workerOptions();
    assertEquals(50, capacity.factoryOptions().getWorkflowCacheSize());
    assertEquals(120, capacity.factoryOptions().getMaxWorkflowThreadCount());
    assertEquals(7, options.getMaxConcurrentWorkflowTaskExecutionSize());
    assertEquals(9, options.getMaxConcurrentActivityExecutionSize());
    assertEquals(2, options.getMaxConcurrentWorkflowTaskPollers());
    assertEquals(3, options.getMaxConcurrentActivityTaskPollers());
    assertEquals(2, capacity.hostConcurrency());
  }

  @Test
  void aBadValueIsRefusedNamingTheVariableAndWhatIsAccepted() {
    assertRefused(Map.of("RUNBOOK_ACTIVITY_SLOTS", "lots"), "RUNBOOK_ACTIVITY_SLOTS=lots is not accepted: a whole number from 1 to 10000");
    assertRefused(Map.of("RUNBOOK_WORKFLOW_POLLERS", "0"), "RUNBOOK_WORKFLOW_POLLERS=0 is not accepted");
    assertRefused(Map.of("RUNBOOK_WORKFLOW_CACHE", "5000"),
        "RUNBOOK_WORKFLOW_THREADS (4000) must be at least RUNBOOK_WORKFLOW_CACHE (5000)");
  }

  private static void assertRefused(Map<String, String> environment, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerCapacity.from(environment));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
