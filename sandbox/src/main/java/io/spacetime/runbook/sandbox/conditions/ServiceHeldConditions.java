package io.spacetime.runbook.sandbox.conditions;

import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.standin.ActiveCondition;
import io.spacetime.runbook.sandbox.standin.ConditionControl.ActiveConditions;
import io.spacetime.runbook.sandbox.standin.ConditionControl.ControlRequest;
import io.spacetime.runbook.sandbox.standin.ConditionControl;
import io.spacetime.runbook.sandbox.standin.RuntimeCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The sandbox's side of {@link ConditionControl}: asks the host's running service to take up or
 * drop a {@link RuntimeCondition} and returns once the service says it has (its {@code active.json}
 * shows it), so what a caller does next already meets the condition.
 */
final class ServiceHeldConditions {

  /** The service reads its inbox every 100 ms; this is for a machine under load. */
  static final Duration TAKE_UP_TIMEOUT = Duration.ofSeconds(10);

  private ServiceHeldConditions() {}

  static ActiveCondition induce(SandboxHost host, ActiveCondition condition) throws IOException, InterruptedException {
    ProcessHandle service = HostControl.serviceProcess(host).orElseThrow(() -> new IllegalStateException(
        host.name() + ": the service is not running, and " + condition.condition() + " lives in the running service's"
            + " memory; start it first (" + host.serviceScript() + " start, or after an induced crash:"
            + " ./runbook sandbox clear " + host.name() + ")"));
    Path request = ConditionControl.submit(host.controlDir(), ControlRequest.induce(condition));
    await(host, service, request, held -> held.stream().anyMatch(condition::equals),
        "take up " + condition.condition());
    return condition;
  }

  /** Drops {@code condition} (null: every one); nothing to do without a running service, which holds none then. */
  static void clear(SandboxHost host, RuntimeCondition condition) throws IOException, InterruptedException {
    Optional<ProcessHandle> service = HostControl.serviceProcess(host);
    if (service.isEmpty() || held(host).stream().noneMatch(c -> condition == null || c.condition() == condition)) {
      return;
    }
    Path request = ConditionControl.submit(host.controlDir(), ControlRequest.clear(condition));
    await(host, service.get(), request,
        held -> held.stream().noneMatch(c -> condition == null || c.condition() == condition),
        "drop " + (condition == null ? "its conditions" : condition));
  }

  /** What the live service holds now; empty when it is not running (its last {@code active.json} is stale then). */
  static List<ActiveCondition> held(SandboxHost host) {
    Optional<ProcessHandle> service = HostControl.serviceProcess(host);
    if (service.isEmpty()) {
      return List.of();
    }
    Instant now = Instant.now();
    return ConditionControl.readActive(host.controlDir())
        .filter(active -> active.pid() == service.get().pid())
        .map(ActiveConditions::conditions).orElse(List.of())
        .stream().filter(c -> !c.expiredAt(now)).toList();
  }

  private static void await(SandboxHost host, ProcessHandle service, Path request,
      Predicate<List<ActiveCondition>> done, String what) throws IOException, InterruptedException {
    boolean taken = Poll.until(TAKE_UP_TIMEOUT, Poll.INTERVAL,
        () -> !service.isAlive() || (!Files.exists(request) && done.test(held(host))), settled -> settled)
        && service.isAlive();
    if (!taken) {
      Files.deleteIfExists(request);
      throw new IOException(host.name() + ": the service (pid " + service.pid() + ") did not " + what + " within "
          + TAKE_UP_TIMEOUT.toSeconds() + " s" + (service.isAlive() ? "" : ": it exited") + "; " + host.serviceLog()
          + " ends with:\n" + Poll.tail(host.serviceLog(), 15));
    }
  }
}
