package io.spacetime.runbook.it;

import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.deployment.HostDeploymentWorkflow;
import io.spacetime.runbook.e2e.Await;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Predicate;

/** Where one host of a running rollout is, read from its own workflow's {@code progress} query. */
final class HostStep {

  private HostStep() {}

  /**
   * Until {@code host}'s workflow in deployment {@code id} is on a step {@code step} accepts (its
   * label, "Step 6: Service Health Checks [host-3]"); a deployment that ends first fails the test.
   */
  static void await(WorkflowClient client, DeploymentWorkflow run, String id, SandboxHost host, Predicate<String> step)
      throws InterruptedException {
    HostDeploymentWorkflow child = client.newWorkflowStub(HostDeploymentWorkflow.class, id + "/" + host.name());
    Await.condition(host.name() + "'s step", Duration.ofMinutes(2), () -> {
      if (run.progress().outcome() != null) {
        throw new AssertionError("the deployment ended first: " + run.progress().outcome());
      }
      return step.test(child.progress().currentStep());
    });
  }

  /**
   * Steps 6-8 of a host: HTTP probes only until Step 8 reads the service's CPU over SSH (for a
   * second), so an SSH server stopped now fails Step 8, and nothing before it, on that host.
   */
  static boolean beforeItsLastSshRead(String step) {
    return step.startsWith("Step 6") || step.startsWith("Step 7") || step.startsWith("Step 8");
  }
}
