package io.spacetime.runbook.sandbox.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A release's {@code release.json}: its version and the fault it carries
 * ({@code {"version":"v2.5.0","fault":"none","faultScope":"production"}}). {@link ReleaseBuilder}
 * writes it; the stand-in service reads it at start to know what to be. A missing fault or scope
 * reads as {@link Fault#NONE} and {@link FaultScope#PRODUCTION}.
 */
public record ReleaseManifest(String version, Fault fault, FaultScope faultScope) {

  static final String FILE_NAME = "release.json";

  public ReleaseManifest {
    fault = fault == null ? Fault.NONE : fault;
    faultScope = faultScope == null ? FaultScope.PRODUCTION : faultScope;
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
