package io.spacetime.runbook.sandbox.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code sandbox} commands as a person runs them, with a real background daemon. (That
 * {@code down} also breaks the connections a worker holds is tested in deploy, with the worker's
 * SSH client.)
 */
class SandboxCommandTest {

  private static final String SUBNET = "76";

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void removeTheSandboxEvenIfATestFailed() {
    new DaemonFiles(home.resolve("sandbox")).runningDaemon().ifPresent(ProcessHandle::destroy);
    execute("down");
  }

  @Test
  void upStatusReleaseAndDownManageABackgroundSandbox() throws Exception {
    assertEquals(0, execute("up", "--hosts", "1", "--subnet", SUBNET), err.toString());
    assertTrue(out.toString().contains("./runbook deploy --env sandbox --version v2.5.0"), out.toString());
    Path environmentFile = home.resolve("environments/sandbox.yaml");
    assertTrue(Files.isRegularFile(environmentFile));

    assertEquals(0, execute("status"), err.toString());
    assertTrue(out.toString().contains("127.0." + SUBNET + ".2:2222"), out.toString());
    assertTrue(out.toString().contains("production-v2.4.0"), out.toString());
    assertTrue(out.toString().contains("ready v2.4.0"), out.toString());

    assertEquals(0, execute("release", "v2.6.0", "--fault", "never-ready"), err.toString());
    Path staging = home.resolve("sandbox/hosts/host-1/opt/spacetime/staging");
    assertEquals("v2.6.0", Files.readString(staging.resolve("VERSION")).trim());
    assertTrue(Files.readString(staging.resolve("release.json")).contains("\"fault\":\"never-ready\""));

    assertEquals(0, execute("down"), err.toString());
    assertFalse(Files.exists(home.resolve("sandbox")));
    assertFalse(Files.exists(environmentFile));
    assertFalse(new StatusClient().get("http://127.0." + SUBNET + ".2:8080").answered(), "the service was stopped");
  }

  @Test
  void upExplainsWhyTheSandboxDidNotStart() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.74.2", ServiceConfig.PRODUCTION.apiPort()));

      assertEquals(1, execute("up", "--hosts", "1", "--subnet", "74"));
    }
    assertTrue(err.toString().contains("The sandbox did not start"), err.toString());
    assertTrue(err.toString().contains("API port 127.0.74.2:8080 is not available"), err.toString());
  }

  @Test
  void statusWithoutASandboxSaysHowToStartOne() {
    assertEquals(1, execute("status"));
    assertTrue(err.toString().contains("./runbook sandbox up"), err.toString());
  }

  @Test
  void releaseRejectsAVersionThatIsNotOne() {
    assertEquals(1, execute("release", "v2.6.0;reboot"));
    assertTrue(err.toString().contains("version"), err.toString());
  }

  @Test
  void releaseRejectsAnUnknownFaultNamingTheKnownOnes() {
    assertEquals(2, execute("release", "v2.6.0", "--fault", "explodes"));
    assertTrue(err.toString().contains(Fault.names()), err.toString());
  }

  @Test
  void downWithoutASandboxDoesNothing() {
    assertEquals(0, execute("down"));
    assertTrue(out.toString().contains("nothing to stop"), out.toString());
  }

  @Test
  void helpOfEveryCommandTeachesWithExamples() {
    for (List<String> command : List.of(List.of("--help"), List.of("up", "--help"), List.of("status", "--help"),
        List.of("release", "--help"), List.of("down", "--help"))) {
      out.getBuffer().setLength(0);
      assertEquals(0, execute(command.toArray(String[]::new)));
      assertTrue(out.toString().contains("Example"), command + ":\n" + out);
    }
  }

  private int execute(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = new CommandLine(new SandboxCommand(home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
