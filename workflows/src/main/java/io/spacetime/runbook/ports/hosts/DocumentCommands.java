package io.spacetime.runbook.ports.hosts;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

/** The {@code run} steps and {@code undo}s of runbook documents, on one host over SSH. */
@ActivityInterface
public interface DocumentCommands {

  /**
   * Runs a document's command template on {@code host}: each placeholder that names a parameter
   * (or {@code {host}}, {@code {serviceAddress}}, {@code {deployRoot}}) is replaced by its value as one
   * quoted shell word, the rest runs as written, in a subshell. A non-zero exit is evidence, not a
   * failure: the step's gate judges it.
   */
  CommandEvidence runDocumentCommand(HostContext host, String template, Map<String, String> parameters,
      int timeoutSeconds);
}
