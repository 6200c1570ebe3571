package io.spacetime.runbook.environment;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first step of every runbook workflow: load and validate {@code environments/<name>.yaml}.
 * The loaded inventory is an activity result, so the configuration a run used is in its history.
 */
public final class LoadEnvironment {

  private LoadEnvironment() {}

  /**
   * Loads the environment as {@code step}; fails the step when it lists no hosts or more than
   * {@code maxHosts}, the most one run of this runbook can take within Temporal's history limits.
   */
  public static Environment run(Procedure procedure, ActivityStubs stubs, Step step, String name, int maxHosts) {
    procedure.begin(step, "");
    Environment env = stubs.quick(EnvironmentActivities.class).load(name);
    String hosts = String.join(", ", env.hosts().stream().map(Host::name).toList());
    Map<String, String> observed = new LinkedHashMap<>();
    observed.put("hosts", hosts);
    observed.put("deploy root", env.layout().deployRoot());
    observed.put("description", env.description());
    procedure.evidence(new Evidence("", "load environments/" + name + ".yaml", "loaded", "", observed, 0));
    procedure.check(env.hosts().isEmpty()
        ? GateResult.fail("environment", "environments/" + name + ".yaml lists no hosts")
        : env.hosts().size() > maxHosts
            ? GateResult.fail("environment", "environments/" + name + ".yaml lists " + env.hosts().size() + " hosts; one"
                + " run of this runbook handles at most " + maxHosts + " (Temporal limits a run's history to 51,200"
                + " events; see README \"Limits\"): split the environment into files of at most " + maxHosts + " hosts")
            : GateResult.pass("environment", env.hosts().size() + " hosts: " + hosts));
    procedure.pass("");
    useSettingsOf(env, procedure, stubs);
    return env;
  }

  /** The environment's SSH timeouts on every host activity, and its rollback patience on every undo. */
  public static void useSettingsOf(Environment env, Procedure procedure, ActivityStubs stubs) {
    stubs.useSshTimeouts(env.ssh().commandTimeoutSeconds(), env.ssh().transferTimeoutSeconds());
    procedure.retryUndos(env.rollback().patience(),
        Duration.ofSeconds(env.rollback().maxBackoffSeconds()));
  }
}
