package io.spacetime.runbook.sandbox.standin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.LoggerFactory;

/**
 * The classpath the stand-in service runs with: only the jars it uses (the sandbox module, Jackson,
 * Java-WebSocket, slf4j-api, the Prometheus client's core, model, config, text format and process
 * metrics), found from where this JVM loaded those classes: the sandbox's jar or
 * its {@code target/classes}, never the application's own. Smaller and quicker to start than the
 * whole application classpath, and independent of how this JVM was launched (a test runner's
 * manifest-only jar disappears when the runner exits; the services must not depend on it).
 */
public final class StandInClasspath {

  private StandInClasspath() {}

  /** The entries, separated by the platform's path separator; this JVM's classpath if a location is unknown. */
  public static String resolve() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : Stream.of(StandInService.class, ObjectMapper.class, JsonFactory.class, JsonCreator.class,
        WebSocketServer.class, LoggerFactory.class, Counter.class, PrometheusRegistry.class, PrometheusProperties.class,
        PrometheusTextFormatWriter.class, ProcessMetrics.class).toList()) {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return System.getProperty("java.class.path");
      }
      try {
        entries.add(Path.of(source.getLocation().toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        return System.getProperty("java.class.path");
      }
    }
    return entries.stream().collect(Collectors.joining(File.pathSeparator));
  }
}
