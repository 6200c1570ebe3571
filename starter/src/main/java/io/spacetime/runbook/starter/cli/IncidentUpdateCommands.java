package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.incident.Acknowledgement;
import io.spacetime.runbook.incident.Decision;
import io.spacetime.runbook.incident.EscalationRequest;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.Note;
import io.spacetime.runbook.incident.Resolution;
import io.spacetime.runbook.incident.SeverityChange;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.client.UpdateRejectedException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The people-in-the-loop commands: each validates its input here (exit 1 before anything is
 * sent), sends one update and prints the incident's state; an update the incident refuses exits
 * 2 with the incident's reason.
 */
final class IncidentUpdateCommands {

  private IncidentUpdateCommands() {}

  /** What every update command shares: the incident, who acts, the connection, and the exit codes. */
  abstract static class IncidentUpdate implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The incident's key (see 'incident list').")
    String key;

    @Option(names = "--by", paramLabel = "NAME", description = "Who acts (default: $USER).")
    String by = IncidentCommand.defaultBy();

    /** Validates the input; throws before anything is sent. */
    abstract void validate();

    abstract IncidentState send(RunbookClient incidents);

    @Override
    public Integer call() {
      validate();
      try (TemporalConnection connection = client.connect()) {
        IncidentState state = send(new RunbookClient(connection));
        spec.commandLine().getOut().println(state.key() + ": " + state.status().word() + ", "
            + (state.severity().isEmpty() ? "severity not assessed yet" : state.severity())
            + (state.acknowledgedBy().isEmpty() ? "" : ", acknowledged by " + state.acknowledgedBy()));
        return ExitCodes.OK;
      } catch (UpdateRejectedException e) {
        spec.commandLine().getErr().println("refused: " + e.getMessage());
        return ExitCodes.UPDATE_REJECTED;
      }
    }
  }

  @Command(name = "ack", mixinStandardHelpOptions = true,
      description = {"Acknowledge an incident; its unacknowledged-response escalation stops.",
          "", "Example:", "  ./runbook incident ack incident-production-high-error-rate --by alice"})
  public static final class Ack extends IncidentUpdate {

    @Override
    void validate() {
      new Acknowledgement(by).validate();
    }

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.acknowledgeIncident(key, new Acknowledgement(by));
    }
  }

  @Command(name = "note", mixinStandardHelpOptions = true,
      description = {"Add a finding to the incident's timeline (and so to its post-mortem).",
          "", "Example:", "  ./runbook incident note incident-production-high-error-rate \\",
          "      --text \"errors began with the v2.5.0 deploy\""})
  public static final class AddNote extends IncidentUpdate {

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The finding.")
    String text;

    @Override
    void validate() {
      new Note(by, text).validate();
    }

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.addIncidentNote(key, new Note(by, text));
    }
  }

  @Command(name = "severity", mixinStandardHelpOptions = true,
      description = {"Change an incident's severity; every escalation and update timer is planned again.",
          "", "Example:", "  ./runbook incident severity incident-production-high-error-rate \\",
          "      --severity P0 --reason \"all endpoints 500\""})
  public static final class SetSeverity extends IncidentUpdate {

    @Option(names = "--severity", required = true, paramLabel = "P0..P4", description = "The new severity.")
    String severity;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    void validate() {
      new SeverityChange(severity, by, reason).validate();
    }

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.setIncidentSeverity(key, new SeverityChange(severity, by, reason));
    }
  }

  /** approve and reject: a decision on a pending action. */
  abstract static class DecisionCommand extends IncidentUpdate {

    @Option(names = "--action", required = true, paramLabel = "ACTION", description = "The pending action's id ('show').")
    String action;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    Decision decision() {
      return new Decision(action, by, reason);
    }

    @Override
    void validate() {
      decision().validate();
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve a risky action the incident waits for (see 'incident show').",
          "", "Example:", "  ./runbook incident approve incident-production-api-unresponsive \\",
          "      --action kill-port-holder@api-1 --reason \"stray debug server\""})
  public static final class Approve extends DecisionCommand {

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.approveIncidentAction(key, decision());
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = {"Reject a risky action the incident waits for; the next scenario is tried.",
          "", "Example:", "  ./runbook incident reject incident-production-disk-space \\",
          "      --action delete-old-backups@api-1 --reason \"keep them for the audit\""})
  public static final class Reject extends DecisionCommand {

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.rejectIncidentAction(key, decision());
    }
  }

  @Command(name = "escalate", mixinStandardHelpOptions = true,
      description = {"Escalate now to the next level of the escalation path.",
          "", "Example:", "  ./runbook incident escalate incident-production-high-error-rate \\",
          "      --reason \"needs database expertise\""})
  public static final class Escalate extends IncidentUpdate {

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    void validate() {
      new EscalationRequest(by, reason).validate();
    }

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.escalateIncident(key, new EscalationRequest(by, reason));
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = {"Resolve an incident; every timer stops, the RESOLVED message goes out.",
          "", "Example:", "  ./runbook incident resolve incident-production-memory-leak \\",
          "      --summary \"restarted api-1\" --root-cause \"leak in v2.5.0\""})
  public static final class Resolve extends IncidentUpdate {

    @Option(names = "--summary", required = true, paramLabel = "TEXT", description = "What fixed it.")
    String summary;

    @Option(names = "--root-cause", required = true, paramLabel = "TEXT", description = "Why it happened.")
    String rootCause;

    @Override
    void validate() {
      new Resolution(by, summary, rootCause).validate();
    }

    @Override
    IncidentState send(RunbookClient incidents) {
      return incidents.resolveIncident(key, new Resolution(by, summary, rootCause));
    }
  }
}
