package io.spacetime.runbook.bench;

import io.spacetime.runbook.ports.hosts.HostTarget;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The benchmark's step sequence: {@code count} host steps, one after the other, like a runbook's. */
@WorkflowInterface
public interface CommandSequenceWorkflow {

  @WorkflowMethod
  int run(HostTarget host, String directory, String command, int count);
}
