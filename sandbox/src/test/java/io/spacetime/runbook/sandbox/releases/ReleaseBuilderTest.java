package io.spacetime.runbook.sandbox.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import io.spacetime.runbook.sandbox.standin.StandInService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release directories as the runbook's hosts have them, and the staging test suite they carry. */
class ReleaseBuilderTest {

  private static final String ADDRESS = "127.0.79.3";

  @TempDir Path dir;

  @Test
  void writesTheFilesTheRunbookLooksFor() throws Exception {
    Path release = ReleaseBuilder.release("v2.5.0").writeTo(dir.resolve("staging"));

    assertEquals("v2.5.0", Files.readString(release.resolve("VERSION")).trim());
    assertTrue(Files.readString(release.resolve("project.godot")).contains(
        "[autoload]\nResonanceEngine=\"*res://scripts/core/engine.gd\"\n"
            + "GodotBridge=\"*res://addons/godot_debug_connection/godot_bridge.gd\""));
    assertTrue(Files.isRegularFile(release.resolve("addons/godot_debug_connection/godot_bridge.gd")));
    assertTrue(Files.isRegularFile(release.resolve("addons/godot_debug_connection/HTTP_API.md")));
    assertTrue(Files.isExecutable(release.resolve("tests/run_tests.sh")));
  }

  @Test
  void recordsVersionAndFaultInReleaseJson() throws Exception {
    Path release = ReleaseBuilder.release("v2.6.0").fault(Fault.NEVER_READY).writeTo(dir.resolve("staging"));

    assertEquals(new ObjectMapper().readTree("{\"version\":\"v2.6.0\",\"fault\":\"never-ready\",\"faultScope\":\"production\"}"),
        new ObjectMapper().readTree(release.resolve("release.json").toFile()));
  }

  @Test
  void replacesWhatWasThere() throws Exception {
    Path staging = dir.resolve("staging");
    ReleaseBuilder.release("v2.5.0").writeTo(staging);
    Files.writeString(staging.resolve("leftover.txt"), "from the last release");

    ReleaseBuilder.release("v2.6.0").writeTo(staging);

    assertEquals("v2.6.0", Files.readString(staging.resolve("VERSION")).trim());
    assertFalse(Files.exists(staging.resolve("leftover.txt")));
    try (var siblings = Files.list(dir)) {
      assertEquals(1, siblings.count(), "no temporary directory left beside staging/");
    }
  }

  @Test
  void rejectsAVersionThatIsNotAVersionBeforeWritingAnything() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReleaseBuilder.release("../../etc"));

    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  void stagingTestSuitePassesAgainstAHealthyRelease() throws Exception {
    Path staging = ReleaseBuilder.release("v2.5.0").writeTo(dir.resolve("staging"));

    TestRun run = runTestSuiteAgainstStandIn(staging);

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("Test Suite Results"), run.output());
    assertTrue(run.output().contains("Failed: 0"), run.output());
    assertTrue(run.output().contains("Success Rate: 100.0%"), run.output());
  }

  @Test
  void stagingTestSuiteFailsWhenSceneLoadingFails() throws Exception {
    Path staging = ReleaseBuilder.release("v2.5.1").fault(Fault.SCENE_500).scope(FaultScope.STAGING)
        .writeTo(dir.resolve("staging"));

    TestRun run = runTestSuiteAgainstStandIn(staging);

    assertEquals(1, run.exitCode(), run.output());
    assertTrue(run.output().contains("Failed: 1"), run.output());
  }

  private record TestRun(int exitCode, String output) {}

  /** Runs tests/run_tests.sh from the staging directory, as the environment's testCommand does. */
  private TestRun runTestSuiteAgainstStandIn(Path staging) throws Exception {
    ServiceConfig.STAGING.write(dir.resolve("staging.env"));
    try (StandInService service = StandInService.start(staging, dir.resolve("staging.env"), ADDRESS,
        dir.resolve("staging.log"))) {
      Process tests = new ProcessBuilder("tests/run_tests.sh", "http://" + ADDRESS + ":" + ServiceConfig.STAGING.apiPort())
          .directory(staging.toFile())
          .redirectErrorStream(true)
          .start();
      String output = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!tests.waitFor(60, TimeUnit.SECONDS)) {
        tests.destroyForcibly();
        throw new IOException("run_tests.sh did not finish; output so far:\n" + output);
      }
      return new TestRun(tests.exitValue(), output);
    }
  }
}
