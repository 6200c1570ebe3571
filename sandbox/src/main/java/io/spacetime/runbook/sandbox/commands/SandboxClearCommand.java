package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.ServiceStatus;
import io.spacetime.runbook.sandbox.StatusClient;
import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.HostConditions;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sandbox clear HOST [CONDITION]}: undoes what {@code induce} did, whether or not it still holds. */
@Command(name = "clear",
    description = {
        "Undo the conditions 'induce' gave a host, and start its service if needed.",
        "",
        "Without CONDITION, undoes every one. Deleted scene files come back, modes are restored, the "
            + "disk-fill and backups-pile files go, a foreign process on the API port is ended and "
            + "the service is started again after a crash. Safe to run twice."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./runbook sandbox clear host-1",
        "  ./runbook sandbox clear host-2 errors"})
final class SandboxClearCommand implements Callable<Integer> {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST", description = "The host, as 'sandbox status' names it: host-1.")
  String host;

  @Parameters(index = "1", arity = "0..1", paramLabel = "CONDITION",
      converter = SandboxInduceCommand.ConditionConverter.class,
      completionCandidates = SandboxInduceCommand.ConditionNames.class,
      description = "Only this one: ${COMPLETION-CANDIDATES}.")
  Condition condition;

  @Option(names = "--dir", paramLabel = "DIR", description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxHost target = HostTable.named(parent.sandboxDir(dir), host, err).orElse(null);
    if (target == null) {
      return 1;
    }
    HostConditions.Cleared cleared = HostConditions.clear(target, condition);
    out.printf("%s: %s.%n", target.name(), cleared.undone().isEmpty() ? "nothing to clear"
        : "cleared " + String.join(", ", cleared.undone().stream().map(Condition::jsonName).toList()));
    if (cleared.startedService()) {
      ServiceStatus status = new StatusClient().awaitReady(target.apiBaseUrl(), READY_TIMEOUT);
      if (!status.overallReady()) {
        err.printf("%s: the service was started but is not ready: %s (log: %s)%n", target.name(), status.summary(),
            target.serviceLog());
        return 1;
      }
      out.printf("%s: the service is running again (%s).%n", target.name(), status.summary());
    }
    return 0;
  }
}
