package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import picocli.CommandLine.Option;

/**
 * The connection options every client command shares. Defaults come from the environment
 * ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code RUNBOOK_TASK_QUEUE}, TLS and API-key
 * variables; see {@link TemporalSettings}); a flag overrides its variable.
 */
public final class ClientOptions {

  @Option(names = "--address", paramLabel = "HOST:PORT",
      description = "Temporal frontend (default: $TEMPORAL_ADDRESS or 127.0.0.1:7233).")
  String address;

  @Option(names = "--namespace", paramLabel = "NS", description = "Temporal namespace (default: $TEMPORAL_NAMESPACE or default).")
  String namespace;

  @Option(names = "--task-queue", paramLabel = "QUEUE", description = "Task queue of the runbook worker (default: $RUNBOOK_TASK_QUEUE or runbooks).")
  String taskQueue;

  public TemporalSettings settings() {
    TemporalSettings settings = TemporalSettings.fromEnvironment();
    if (address != null) {
      settings = settings.withAddress(address);
    }
    if (namespace != null) {
      settings = settings.withNamespace(namespace);
    }
    if (taskQueue != null) {
      settings = settings.withTaskQueue(taskQueue);
    }
    return settings;
  }

  public TemporalConnection connect() {
    return TemporalConnection.open(settings());
  }
}
