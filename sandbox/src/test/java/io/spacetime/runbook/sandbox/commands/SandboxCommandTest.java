package io.spacetime.runbook.sandbox.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.conditions.Condition;
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
  void induceGivesARunningHostAConditionThatStatusShowsAndClearTakesBack() throws Exception {
    assertEquals(0, execute("up", "--hosts", "1", "--subnet", SUBNET), err.toString());
    String api = "http://127.0." + SUBNET + ".2:8080";

    assertEquals(0, execute("induce", "host-1", "errors", "--rate", "100"), err.toString());
    assertTrue(out.toString().contains("host-1: errors: 100 % of API responses answer 500"), out.toString());
    assertTrue(out.toString().contains("Undo: ./runbook sandbox clear host-1 errors"), out.toString());
    assertEquals(500, new StatusClient().get(api).httpStatus());
    assertEquals(0, execute("status"), err.toString());
    assertTrue(out.toString().contains("host-1   errors: 100 % of API responses answer 500, until the service restarts"),
        out.toString());

    assertEquals(0, execute("clear", "host-1"), err.toString());
    assertTrue(out.toString().contains("host-1: cleared errors."), out.toString());
    assertTrue(new StatusClient().get(api).overallReady());
    assertEquals(0, execute("status"), err.toString());
    assertFalse(out.toString().contains("Conditions"), out.toString());
  }

  @Test
  void clearStartsTheServiceAgainAfterACrash() throws Exception {
    assertEquals(0, execute("up", "--hosts", "1", "--subnet", SUBNET), err.toString());
    assertEquals(0, execute("induce", "host-1", "crash"), err.toString());
    assertFalse(new StatusClient().get("http://127.0." + SUBNET + ".2:8080").answered());

    assertEquals(0, execute("clear", "host-1", "crash"), err.toString());

    assertTrue(out.toString().contains("host-1: the service is running again (ready v2.4.0)."), out.toString());
  }

  @Test
  void statusShowsTheScheduledRestartTheEnvironmentsCommandInstalled() throws Exception {
    assertEquals(0, execute("up", "--hosts", "1", "--subnet", SUBNET), err.toString());
    Path script = home.resolve("sandbox/hosts/host-1/opt/spacetime/bin/spacetime-service");
    Process install = new ProcessBuilder(script.toString(), "schedule-restart", "6").redirectErrorStream(true).start();
    assertEquals(0, install.waitFor(), new String(install.getInputStream().readAllBytes()));

    assertEquals(0, execute("status"), err.toString());

    assertTrue(out.toString().contains("Scheduled restarts:\n  host-1   every 6h (run/godot-restart.timer)"), out.toString());
  }

  @Test
  void induceRefusesWhatWouldBeIgnoredOrHasNoTarget() throws Exception {
    assertEquals(0, execute("up", "--hosts", "1", "--subnet", SUBNET), err.toString());

    assertEquals(1, execute("induce", "host-1", "crash", "--rate", "20"));
    assertTrue(err.toString().contains("--rate does not apply to crash (it applies to errors)"), err.toString());
    assertEquals(1, execute("induce", "host-9", "errors"));
    assertTrue(err.toString().contains("The sandbox has no host 'host-9'; its hosts: host-1."), err.toString());
    assertEquals(2, execute("induce", "host-1", "meltdown"));
    assertTrue(err.toString().contains(Condition.names()), err.toString());
    assertEquals(1, execute("induce", "host-1", "errors", "--rate", "0"));
    assertTrue(err.toString().contains("--rate is a percentage of responses, 1-100, not 0"), err.toString());
    assertTrue(new StatusClient().get("http://127.0." + SUBNET + ".2:8080").overallReady(), "nothing was induced");
  }

  @Test
  void induceHelpNamesEveryCondition() {
    assertEquals(0, execute("induce", "--help"));

    for (Condition condition : Condition.values()) {
      assertTrue(out.toString().contains("  " + condition.jsonName() + " "), condition + ":\n" + out);
    }
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
        List.of("release", "--help"), List.of("induce", "--help"), List.of("clear", "--help"),
        List.of("down", "--help"))) {
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
