package io.spacetime.runbook.adapters.hosts;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;

import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.core.FailureTypes;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.DocumentCommands;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link DocumentCommands} over SSH. The template is the document author's shell (validated by the
 * document rules when the run loaded it); every value reaches it through {@link ShellCommand} as one
 * quoted word, and a parameter may not shadow the host's own placeholders.
 */
public final class DocumentCommandsImpl implements DocumentCommands {

  /**
   * Placeholders for the environment file's service commands ({@code service.start}, {@code stop},
   * {@code isActive}): a document restarts the service the way this environment does (systemctl on a
   * fleet, the sandbox's script), without knowing which. Put in as the operator wrote them, in a
   * subshell; their own {@code {deployRoot}}-style placeholders are then quoted like every other.
   */
  public static final Set<String> SERVICE_COMMANDS = Set.of("serviceStart", "serviceStop", "serviceIsActive");

  private final HostConnections connections;

  public DocumentCommandsImpl(HostConnections connections) {
    this.connections = connections;
  }

  @Override
  public CommandEvidence runDocumentCommand(HostContext context, String template, Map<String, String> parameters,
      int timeoutSeconds) {
    Map<String, String> values = new HashMap<>(parameters);
    Map<String, String> host = HostInputs.placeholders(context.target(), context.layout());
    host.keySet().stream().filter(values::containsKey).findFirst().ifPresent(name -> {
      throw nonRetryable(FailureTypes.INVALID_INPUT, "parameter {" + name + "} would shadow the host's own placeholder");
    });
    values.putAll(host);
    ShellCommand script = ShellCommand.configured(withServiceCommands(template, context.service()), values).subshell();
    return connections.on(context.target())
        .run(script, Duration.ofSeconds(Math.max(1, timeoutSeconds)), "the step's timeoutSeconds")
        .evidence();
  }

  private static String withServiceCommands(String template, ServiceCommands service) {
    if (service == null) {
      return template;
    }
    Map<String, String> commands = Map.of("serviceStart", service.start(), "serviceStop", service.stop(),
        "serviceIsActive", service.isActive());
    String expanded = template;
    for (Map.Entry<String, String> command : commands.entrySet()) {
      expanded = expanded.replace("{" + command.getKey() + "}", "( " + command.getValue() + " )");
    }
    return expanded;
  }
}
