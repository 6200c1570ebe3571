package io.spacetime.runbook.sandbox.releases;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A release's {@code release.json}: its version and the fault it carries
 * ({@code {"version":"v2.5.0","fault":"none","faultScope":"production"}}). {@link ReleaseBuilder}
 * writes it; the stand-in service reads it at start to know what to be. A missing fault or scope
 * reads as {@link Fault#NONE} and {@link FaultScope#PRODUCTION}.
 *
 * @param degradeAfterSeconds for {@link Fault#DEGRADES}: how long the release is healthy after it starts
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a release without the degrading fault has no degradeAfterSeconds
public record ReleaseManifest(String version, Fault fault, FaultScope faultScope, Integer degradeAfterSeconds) {

  static final String FILE_NAME = "release.json";
  /** Long enough for a 2-host sandbox deployment to pass Steps 5-10 on a busy machine. */
  public static final int DEFAULT_DEGRADE_AFTER_SECONDS = 20;

  public ReleaseManifest {
    fault = fault == null ? Fault.NONE : fault;
    faultScope = faultScope == null ? FaultScope.PRODUCTION : faultScope;
  }

  /** Seconds a {@link Fault#DEGRADES} release stays healthy after it starts. */
  public int healthySeconds() {
    return degradeAfterSeconds == null ? DEFAULT_DEGRADE_AFTER_SECONDS : degradeAfterSeconds;
  }

  public ReleaseManifest(String version, Fault fault, FaultScope faultScope) {
    this(version, fault, faultScope, null);
  }

  /** The fault a service started with {@code spacetimeEnv} shows: {@link Fault#NONE} outside the scope. */
  public Fault activeFault(String spacetimeEnv) {
    return faultScope.appliesTo(spacetimeEnv) ? fault : Fault.NONE;
  }

  /** Reads {@code <releaseDir>/release.json}; the message names the file when it cannot. */
  public static ReleaseManifest read(Path releaseDir, ObjectMapper json) throws IOException {
    Path file = releaseDir.resolve(FILE_NAME);
    try {
      return json.readValue(file.toFile(), ReleaseManifest.class);
    } catch (IOException e) {
      throw new IOException("cannot read the release manifest " + file + ": " + e.getMessage(), e);
    }
  }
}
