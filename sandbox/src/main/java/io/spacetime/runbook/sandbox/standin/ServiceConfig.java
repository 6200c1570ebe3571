package io.spacetime.runbook.sandbox.standin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's {@code .env} (runbook Step 4): its four ports and {@code SPACETIME_ENV}. The
 * sandbox writes one for production and one for staging; the stand-in service reads the one it
 * was started with. {@link #PRODUCTION} and {@link #STAGING} never share a port, so both run on
 * one host.
 */
public record ServiceConfig(int apiPort, int telemetryPort, int dapPort, int lspPort, String spacetimeEnv) {

  /** The runbook's production ports: API 8080, telemetry 8081, DAP 6006, LSP 6005. */
  public static final ServiceConfig PRODUCTION = new ServiceConfig(8080, 8081, 6006, 6005, "production");
  /** Staging runs beside production on the same host, so on ports of its own. */
  public static final ServiceConfig STAGING = new ServiceConfig(18080, 18081, 16006, 16005, "staging");

  /** The file's text, in the order the runbook's Step 4 greps it. */
  String render() {
    return "API_PORT=" + apiPort + "\n"
        + "TELEMETRY_PORT=" + telemetryPort + "\n"
        + "DAP_PORT=" + dapPort + "\n"
        + "LSP_PORT=" + lspPort + "\n"
        + "SPACETIME_ENV=" + spacetimeEnv + "\n";
  }

  /** Writes the file, creating its directory. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, render());
  }

  /** Reads {@code KEY=VALUE} lines; blank lines and {@code #} comments are skipped. */
  static ServiceConfig read(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines) {
      String trimmed = line.trim();
      int eq = trimmed.indexOf('=');
      if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
        values.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
      }
    }
    return new ServiceConfig(
        port(values, "API_PORT", file),
        port(values, "TELEMETRY_PORT", file),
        port(values, "DAP_PORT", file),
        port(values, "LSP_PORT", file),
        values.getOrDefault("SPACETIME_ENV", "production"));
  }

  private static int port(Map<String, String> values, String key, Path file) throws IOException {
    String value = values.get(key);
    if (value == null) {
      throw new IOException(file + " has no " + key + "= line");
    }
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("out of range");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IOException(file + ": " + key + "=" + value + " is not a TCP port (1-65535)");
    }
  }
}
