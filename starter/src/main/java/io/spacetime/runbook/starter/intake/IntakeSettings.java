package io.spacetime.runbook.starter.intake;

import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.incident.IncidentType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the intake listens and reads alerts, validated at {@link Builder#build()}.
 *
 * @param bind the address to listen on; loopback by default, so exposing it is a decision
 * @param port 0 for any free port (tests)
 * @param defaultEnvironment the environment of an alert without an {@code environment} label; empty: such an alert is refused
 * @param typeForAlertname the incident type of an alert without an {@code incident_type} label, by its {@code alertname}
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param maxWait the longest {@code GET /v1/runs/{id}?wait=} holds a request
 */
public record IntakeSettings(String bind, int port, IntakeTokens tokens, String defaultEnvironment,
    Map<String, IncidentType> typeForAlertname, long maxBodyBytes, Duration maxWait) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8089;
  /** Room for a group of a few hundred alerts; Alertmanager's {@code max_alerts} bounds larger ones. */
  public static final long DEFAULT_MAX_BODY_BYTES = 512 * 1024;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

  public IntakeSettings {
    typeForAlertname = Map.copyOf(typeForAlertname);
  }

  public static Builder newBuilder(IntakeTokens tokens) {
    return new Builder(tokens);
  }

  /** Builds {@link IntakeSettings}; {@link #build()} says what is wrong with any value. */
  public static final class Builder {

    private final IntakeTokens tokens;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private String defaultEnvironment = "";
    private final Map<String, IncidentType> typeForAlertname = new LinkedHashMap<>();
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration maxWait = DEFAULT_MAX_WAIT;

    private Builder(IntakeTokens tokens) {
      this.tokens = tokens;
    }

    public Builder setBind(String bind) {
      this.bind = bind;
      return this;
    }

    public Builder setPort(int port) {
      this.port = port;
      return this;
    }

    public Builder setDefaultEnvironment(String environment) {
      this.defaultEnvironment = environment == null ? "" : environment;
      return this;
    }

    /** {@code alertname=type}, as {@code --type-for} takes it: {@code HighErrorRate=high-error-rate}. */
    public Builder addTypeFor(String mapping) {
      int eq = mapping.indexOf('=');
      if (eq <= 0 || eq == mapping.length() - 1) {
        throw new IllegalArgumentException("--type-for \"" + InputRules.printable(mapping)
            + "\" is not ALERTNAME=TYPE, e.g. HighErrorRate=high-error-rate");
      }
      String type = mapping.substring(eq + 1);
      if (!IncidentType.isKnown(type)) {
        throw new IllegalArgumentException("--type-for " + InputRules.printable(mapping) + ": \""
            + InputRules.printable(type) + "\" is not an incident type; use one of: " + IncidentType.names());
      }
      typeForAlertname.put(mapping.substring(0, eq), IncidentType.fromName(type));
      return this;
    }

    public Builder setMaxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder setMaxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    public IntakeSettings build() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port " + port + " is not a TCP port (0-65535; 0 takes a free one)");
      }
      if (bind == null || !InputRules.HOSTNAME.matcher(bind).matches()) {
        throw new IllegalArgumentException("--bind \"" + InputRules.printable(String.valueOf(bind))
            + "\" is not an address to listen on, e.g. 127.0.0.1 or 0.0.0.0");
      }
      if (!defaultEnvironment.isEmpty() && !InputRules.ENVIRONMENT.matcher(defaultEnvironment).matches()) {
        throw new IllegalArgumentException("--default-environment \"" + InputRules.printable(defaultEnvironment)
            + "\" is not an environment name (lower-case letters, digits and dashes, e.g. production)");
      }
      if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("--max-body-bytes " + maxBodyBytes + " is outside 1024..16777216");
      }
      if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("the longest wait " + maxWait + " is outside 0..5 minutes");
      }
      return new IntakeSettings(bind, port, tokens, defaultEnvironment, typeForAlertname, maxBodyBytes, maxWait);
    }
  }
}
