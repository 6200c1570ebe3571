package io.spacetime.runbook.sandbox.releases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a release's {@link Fault} shows: compared with {@code SPACETIME_ENV} of the config the
 * service starts with. The default, {@link #PRODUCTION}, makes a release that passes the staging
 * tests (runbook 4.1) and fails with the production config: the class of fault only a rollback
 * can catch.
 */
public enum FaultScope {
  /** Under every config. */
  ALWAYS("always"),
  /** Only with {@code SPACETIME_ENV=production}. */
  PRODUCTION("production"),
  /** Only with {@code SPACETIME_ENV=staging}: the pre-deployment tests catch it. */
  STAGING("staging");

  private final String jsonName;

  FaultScope(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** True when a fault with this scope shows in a service started with {@code spacetimeEnv}. */
  boolean appliesTo(String spacetimeEnv) {
    return this == ALWAYS || jsonName.equals(spacetimeEnv);
  }

  @JsonCreator
  public static FaultScope fromName(String name) {
    return Arrays.stream(values())
        .filter(s -> s.jsonName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown fault scope '" + name + "'; use one of: " + names()));
  }

  private static String names() {
    return Arrays.stream(values()).map(FaultScope::jsonName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
