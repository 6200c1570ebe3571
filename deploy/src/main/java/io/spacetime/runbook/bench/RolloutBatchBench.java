package io.spacetime.runbook.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * (f) A rollout of a whole fleet in batches of 5 against one batch of 5 alone, on the same
 * sandbox hosts and worker: how much a batch slows down when the fleet around it is larger (more
 * children, a longer history, more hosts in the checklist). The figure is the mean duration of the
 * fleet's "Rollout: batch" steps divided by the lone batch's.
 */
final class RolloutBatchBench {

  static final int BATCH = 5;

  private final WorkflowClient client;
  private final String queue;

  RolloutBatchBench(WorkflowClient client, String queue) {
    this.client = client;
    this.queue = queue;
  }

  /** {@code sandbox} has the fleet's hosts in environment {@code fleetEnv}; a file of its first 5 is written beside it. */
  BenchFigure run(Sandbox sandbox, String fleetEnv) throws Exception {
    String fiveEnv = fleetEnv + "-five";
    writeFirstHosts(sandbox.environmentFile(), sandbox.environmentFile().resolveSibling(fiveEnv + ".yaml"), BATCH);
    int fleet = sandbox.hosts().size();
    sandbox.stageRelease("v2.5.0");
    Batches alone = deploy(fiveEnv, "v2.5.0");
    sandbox.stageRelease("v2.5.1");
    Batches whole = deploy(fleetEnv, "v2.5.1");
    return new BenchFigure("f", fleet + " hosts: mean batch / one batch alone", whole.meanSeconds() / alone.meanSeconds(),
        BenchFigure.Unit.RATIO, BenchFigure.Goal.atMost(1.5), String.format(java.util.Locale.ROOT,
            "batches of %d: %d batches, mean batch %.1f s (whole run %.1f s, %s); one batch of %d alone %.1f s (%s)",
            BATCH, whole.count(), whole.meanSeconds(), whole.runSeconds(), whole.outcome(), BATCH, alone.meanSeconds(),
            alone.outcome()));
  }

  private record Batches(int count, double meanSeconds, double runSeconds, Outcome outcome) {}

  private Batches deploy(String env, String version) throws Exception {
    RunbookClient runbooks = new RunbookClient(client, queue, Clock.systemUTC());
    long start = System.nanoTime();
    DeploymentResult result = runbooks.deploymentResult(runbooks.startDeployment(
        DeploymentRequest.of(env, version).withWatch("off").withRollout(0, String.valueOf(BATCH), "", "")),
        Duration.ofMinutes(20));
    double runSeconds = (System.nanoTime() - start) / 1e9;
    List<StepResult> batches = result.steps().stream().filter(s -> s.title().startsWith("Rollout: batch")).toList();
    if (result.outcome() != Outcome.SUCCEEDED || batches.isEmpty()) {
      throw new IllegalStateException("the bench's rollout to " + env + " ended " + result.outcome() + ": "
          + result.message());
    }
    double mean = batches.stream().mapToLong(s -> s.finishedAt() - s.startedAt()).average().orElseThrow() / 1000.0;
    return new Batches(batches.size(), mean, runSeconds, result.outcome());
  }

  private static void writeFirstHosts(Path from, Path to, int count) throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode env = (ObjectNode) yaml.readTree(from.toFile());
    env.put("name", to.getFileName().toString().replace(".yaml", ""));
    ArrayNode hosts = (ArrayNode) env.get("hosts");
    while (hosts.size() > count) {
      hosts.remove(hosts.size() - 1);
    }
    yaml.writeValue(to.toFile(), env);
  }
}
