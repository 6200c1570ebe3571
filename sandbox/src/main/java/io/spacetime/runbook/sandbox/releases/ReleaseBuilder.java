package io.spacetime.runbook.sandbox.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Writes a release directory the way the runbook expects one in {@code /opt/spacetime/staging}:
 * {@code VERSION}, {@code release.json} (version and fault, read by the stand-in service),
 * {@code project.godot} with the Step 4 {@code [autoload]} section, the
 * {@code addons/godot_debug_connection/} files of runbook 2.2, and {@code tests/run_tests.sh},
 * the staging test suite of runbook 4.1.
 *
 * <p>The version is checked against {@link NameRules} before it becomes part of any path or file.
 * Where the release goes (a host's {@code staging/}, a {@code production-<version>/}) is the
 * hosts' business; this class only writes a directory.
 */
public final class ReleaseBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String version;
  private Fault fault = Fault.NONE;
  private FaultScope scope = FaultScope.PRODUCTION;
  private int degradeAfterSeconds = ReleaseManifest.DEFAULT_DEGRADE_AFTER_SECONDS;

  private ReleaseBuilder(String version) {
    this.version = version;
  }

  /**
   * A healthy release of {@code version}.
   *
   * @throws IllegalArgumentException if {@code version} is not like {@code v2.5.0}
   */
  public static ReleaseBuilder release(String version) {
    requireVersion(version);
    return new ReleaseBuilder(version);
  }

  /**
   * Throws unless {@code version} is like {@code v2.5.0}.
   *
   * @throws IllegalArgumentException saying what was given and what is accepted
   */
  public static void requireVersion(String version) {
    NameRules.versionProblem("version", version).ifPresent(problem -> {
      throw new IllegalArgumentException("release version is invalid: " + problem);
    });
  }

  public ReleaseBuilder fault(Fault value) {
    this.fault = value == null ? Fault.NONE : value;
    return this;
  }

  public ReleaseBuilder scope(FaultScope value) {
    this.scope = value == null ? FaultScope.PRODUCTION : value;
    return this;
  }

  /** For {@link Fault#DEGRADES}: how long the release is healthy after it starts. */
  public ReleaseBuilder degradeAfter(java.time.Duration healthy) {
    this.degradeAfterSeconds = (int) healthy.toSeconds();
    return this;
  }

  public String version() {
    return version;
  }

  public Fault fault() {
    return fault;
  }

  public FaultScope scope() {
    return scope;
  }

  /**
   * Writes the release into {@code dir}, replacing whatever was there. The files are written
   * beside it first, so a failure leaves the old content rather than half a release.
   *
   * @return {@code dir}
   */
  public Path writeTo(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path fresh = parent.resolve("." + dir.getFileName() + ".new-" + UUID.randomUUID());
    try {
      writeFiles(fresh);
      FileTrees.delete(dir);
      Files.move(fresh, dir);
    } finally {
      FileTrees.delete(fresh);
    }
    return dir;
  }

  private void writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("VERSION"), version + "\n");
    Files.writeString(dir.resolve(ReleaseManifest.FILE_NAME),
        JSON.writeValueAsString(new ReleaseManifest(version, fault, scope,
        fault == Fault.DEGRADES ? degradeAfterSeconds : null)) + "\n");
    Files.writeString(dir.resolve("project.godot"), ReleaseFiles.projectGodot(version));
    Files.writeString(dir.resolve("vr_main.tscn"), ReleaseFiles.MAIN_SCENE);
    write(dir.resolve("scripts/core/engine.gd"), ReleaseFiles.ENGINE_SCRIPT);
    Path addon = dir.resolve("addons/godot_debug_connection");
    write(addon.resolve("godot_bridge.gd"), ReleaseFiles.GODOT_BRIDGE);
    write(addon.resolve("telemetry_server.gd"), ReleaseFiles.TELEMETRY_SERVER);
    write(addon.resolve("HTTP_API.md"), ReleaseFiles.HTTP_API);
    Path tests = dir.resolve("tests/run_tests.sh");
    write(tests, ReleaseFiles.RUN_TESTS);
    Files.setPosixFilePermissions(tests, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
