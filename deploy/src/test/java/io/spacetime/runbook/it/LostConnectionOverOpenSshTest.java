package io.spacetime.runbook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spacetime.runbook.adapters.hosts.ServiceActivitiesImpl;
import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Over real OpenSSH, the connection dies while a command runs: the command, having done its work,
 * kills the sshd that serves its connection, so its answer never arrives. A start is not run a
 * second time, neither by the SSH layer nor by the activity's retry (which reads the state first,
 * as Temporal's retry of the activity would); a read is sent again on a new connection. Every
 * count comes from the host's own command log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostConnectionOverOpenSshTest {

  private static final int SUBNET = 84;
  private static final String SCRIPT = "{deployRoot}/bin/spacetime-service";
  /** Kills this command's sshd (the nearest ancestor named sshd): the connection drops, the answer is lost. */
  static final String KILL_MY_CONNECTION = "p=$PPID; while [ \"$(cat /proc/$p/comm)\" != sshd ]; do"
      + " p=$(awk '{print $4}' /proc/$p/stat); done; kill -KILL \"$p\"";
  private static final ServiceCommands SERVICE = new ServiceCommands(SCRIPT + " start && " + KILL_MY_CONNECTION,
      SCRIPT + " stop", SCRIPT + " is-active", "logs/service.log", "java");

  private Sandbox sandbox;
  private HostConnections connections;
  private SandboxHost host;
  private HostTarget target;
  private Layout layout;
  private ServiceActivitiesImpl services;

  @BeforeAll
  void startSandbox() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sshd")), "openssh-server not installed (bash .ci/run installs it)");
    sandbox = Sandbox.builder().root(Files.createTempDirectory("runbook-lost-connection-")).hosts(1).subnet(SUBNET)
        .openssh(true).deleteOnClose(true).start();
    connections = new HostConnections();
    host = sandbox.hosts().get(0);
    target = new HostTarget(host.name(), host.address(), Sandbox.SSH_PORT, host.address(), System.getProperty("user.name"),
        sandbox.clientKey().toString(), sandbox.knownHosts().toString(), 5, 60, 60, 300, 3600);
    layout = Layout.defaults().withDeployRoot(host.deployRoot().toString());
    services = new ServiceActivitiesImpl(connections);
  }

  @AfterAll
  void stopSandbox() {
    if (connections != null) {
      connections.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private HostContext context() {
    return new HostContext(target, layout, SERVICE, List.of());
  }

  @BeforeEach
  void clearLog() throws Exception {
    sandbox.clearCommandLogs();
  }

  @Test
  void aServiceStartWhoseConnectionDiesIsNotRunAgainByTheRetry() throws Exception {
    assertThat(services.stopService(context(), 30).active()).isFalse();

    ApplicationFailure lost = assertThrows(ApplicationFailure.class,
        () -> services.startService(context()));
    assertThat(lost.getType()).isEqualTo("CommandOutcomeUnknown");
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(lost.getOriginalMessage()).contains("host-1 (", host.address() + ":2222", "NOT run again");

    ServiceState retried = services.startService(context());

    assertThat(retried.active()).isTrue();
    assertThat(retried.commands()).as("the retry only read the state")
        .noneMatch(c -> c.command().contains("spacetime-service start"));
    assertThat(received("spacetime-service start")).as("start commands the host received").isEqualTo(1);
    assertThat(sandbox.serviceRunning(host)).isTrue();
  }

  @Test
  void aStagingStartWhoseConnectionDiesIsNotRunAgainByTheRetry() throws Exception {
    StagingSettings staging = new StagingSettings(true, host.name(), SCRIPT + " staging-start && " + KILL_MY_CONNECTION,
        SCRIPT + " staging-stop", SCRIPT + " staging-is-active", "", 18080, 18081, 60);
    try {
      ApplicationFailure lost = assertThrows(ApplicationFailure.class,
          () -> services.startStaging(context(), staging, 30));
      assertThat(lost.getType()).isEqualTo("CommandOutcomeUnknown");

      CommandEvidence retried = services.startStaging(context(), staging, 30);

      assertThat(retried.exitCode()).isZero();
      assertThat(retried.stdoutTail()).startsWith("staging already runs (staging.isActive exited 0)");
      assertThat(received("spacetime-service staging-start")).as("staging starts the host received").isEqualTo(1);
    } finally {
      services.runServiceCommand(context(), staging.stop(), 30);
    }
  }

  @Test
  void aReadWhoseConnectionDiesIsSentAgainOnANewConnection() throws Exception {
    Path marker = host.root().resolve("connection-lost-once");
    ShellCommand read = ShellCommand.template("if ! test -e {marker}; then touch {marker}; " + KILL_MY_CONNECTION
        + "; fi; echo the answer", Map.of("marker", marker.toString()));

    CommandRun run = connections.on(target).run(read);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("the answer\n");
    assertThat(received("connection-lost-once")).as("sent again once on a new connection").isEqualTo(2);
  }

  private long received(String fragment) throws Exception {
    return sandbox.commandLog(host).stream().filter(command -> command.contains(fragment)).count();
  }
}
