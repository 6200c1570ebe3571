package io.spacetime.runbook.ports.probes;

import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * HTTP and WebSocket probes made from the worker, like the runbook's {@code curl} and Python
 * snippets. Every request has a timeout; none of them decides pass or fail.
 */
@ActivityInterface
public interface ProbeActivities {

  /** One {@code GET /status}. */
  StatusReport status(String statusUrl);

  /**
   * Polls {@code GET /status} until {@code overall_ready} is true or {@code timeoutSeconds} pass
   * (the runbook's "wait 30 seconds" done as a bounded poll). Heartbeats while it waits.
   */
  StatusReport awaitReady(String statusUrl, int timeoutSeconds);

  /** {@code POST} with an optional JSON body ({@code /connect}, {@code /scene/load}). */
  HttpExchange post(String url, String jsonBody);

  /** Step 6: connects to the telemetry WebSocket and reads the first message. */
  TelemetryProbe probeTelemetry(String url, int timeoutSeconds);

  /** Step 8: times {@code count} sequential GETs. */
  ResponseTimes sampleResponseTimes(String url, int count);

  /** 4.2: {@code users} concurrent clients GET {@code url} for {@code durationSeconds}. Heartbeats progress. */
  LoadTestReport loadTest(String url, int users, int durationSeconds);

  /** 1.3: the certificate presented by a TLS endpoint ({@code https://host:port}). */
  CertificateInfo endpointCertificate(String httpsUrl);

  /** TCP connect to each port of {@code address} (DAP, LSP, API, telemetry). */
  PortReachability reachablePorts(String address, List<Integer> ports);

  /**
   * The incident runbook's error-rate and response-time readings: {@code rounds} requests to each
   * endpoint in turn (sequential, each with a timeout), with a bearer token read from the
   * environment variable {@code bearerTokenEnv} when it is not empty (Authentication Failures).
   * Heartbeats progress.
   */
  List<EndpointSample> sampleEndpoints(List<EndpointCheck> endpoints, int rounds, String bearerTokenEnv);
}
