package io.spacetime.runbook.bench;

import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** Each command is its own activity, as each runbook step is: the engine's real per-step cost. */
public final class CommandSequenceWorkflowImpl implements CommandSequenceWorkflow {

  private final HostChecks checks = Workflow.newActivityStub(HostChecks.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  @Override
  public int run(HostTarget host, String directory, String command, int count) {
    HostContext context = new HostContext(host, Layout.defaults(), ServiceCommands.systemd(), List.of());
    int failures = 0;
    for (int i = 0; i < count; i++) {
      CommandEvidence result = checks.runConfiguredCommand(context, directory, command, 30);
      failures += result.succeeded() ? 0 : 1;
    }
    return failures;
  }
}
