package io.spacetime.runbook.adapters.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.hosts.HostChecksImpl;
import io.spacetime.runbook.adapters.testing.HostContexts;
import io.spacetime.runbook.adapters.testing.SshHostExtension;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One timeout model, both orders: a command stops at its own limit when that comes first, and at
 * its activity's deadline when that comes first; either way the command (not the activity) ends
 * the attempt, as CommandTimedOut, with a message naming both limits and the setting to raise.
 */
class CommandTimeoutModelTest {

  @RegisterExtension static final SshHostExtension ssh = new SshHostExtension();

  TestActivityEnvironment temporal;

  @BeforeEach
  void activities() {
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(new HostChecksImpl(ssh.connections()));
  }

  @AfterEach
  void close() {
    temporal.close();
  }

  @Test
  void theCommandsOwnLimitStopsItWhenItComesFirst() {
    HostTarget host = withCommandTimeout(ssh.target("api-1"), 1);
    HostChecks checks = stub(Duration.ofSeconds(30));

    ApplicationFailure failure = failureOf(
        () -> checks.inspectTools(HostContexts.of(host, Layout.defaults()), List.of(new ToolRequirement("slow-tool", "sleep 20", "1.0"))));

    assertEquals("CommandTimedOut", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("did not finish within 1 s (ssh.commandTimeoutSeconds; its activity"
        + " allows 30 s) and was stopped"), failure.getOriginalMessage());
  }

  @Test
  void theActivitysDeadlineStopsItWhenThatComesFirst() {
    HostTarget host = withCommandTimeout(ssh.target("api-1"), 120);
    HostChecks checks = stub(Duration.ofSeconds(8));

    ApplicationFailure failure = failureOf(() -> checks.runConfiguredCommand(HostContexts.of(host, Layout.defaults()), "/", "sleep 60", 90));

    assertEquals("CommandTimedOut", failure.getType(), "the command ended the attempt, not a generic activity timeout");
    assertTrue(failure.getOriginalMessage().contains("at the end of its activity's time (its activity allows 8 s,"
        + " start-to-close; the command's own limit is 90 s"), failure.getOriginalMessage());
  }

  private HostChecks stub(Duration startToClose) {
    return temporal.newActivityStub(HostChecks.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  private static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure failure = assertThrows(ActivityFailure.class, call::run);
    return assertInstanceOf(ApplicationFailure.class, failure.getCause(), failure.toString());
  }

  private static HostTarget withCommandTimeout(HostTarget t, int seconds) {
    return new HostTarget(t.name(), t.address(), t.sshPort(), t.serviceAddress(), t.user(), t.keyFile(), t.knownHosts(),
        t.connectTimeoutSeconds(), seconds, seconds, 300, 3600);
  }
}
