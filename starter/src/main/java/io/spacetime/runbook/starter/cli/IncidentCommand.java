package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.incident.AlertOccurrence;
import io.spacetime.runbook.incident.IncidentRequest;
import io.spacetime.runbook.incident.IncidentState;
import io.spacetime.runbook.incident.PendingApproval;
import io.spacetime.runbook.incident.TimelineEvent;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.starter.client.IncidentFilter;
import io.spacetime.runbook.starter.client.IncidentOpened;
import io.spacetime.runbook.starter.client.OpenIncidents;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "incident",
    description = {
        "Open, steer and read incidents as RUNBOOK_INCIDENTS.md runs them.",
        "An incident's ID is its key, printed by 'start' and 'list'.",
        "",
        "Examples:",
        "  ./runbook incident start --type high-error-rate --env production \\",
        "      --summary \"5xx at 7 %% since 10:02\"",
        "  ./runbook incident ack incident-production-high-error-rate --by alice",
        "  ./runbook incident list --env production",
        "",
        "Exit codes: 0 done, 2 the incident refused the update (why is printed),",
        "1 bad usage or Temporal unreachable."},
    mixinStandardHelpOptions = true,
    subcommands = {IncidentCommand.Start.class, IncidentUpdateCommands.Ack.class, IncidentUpdateCommands.AddNote.class,
        IncidentUpdateCommands.SetSeverity.class, IncidentUpdateCommands.Approve.class, IncidentUpdateCommands.Reject.class,
        IncidentUpdateCommands.Escalate.class, IncidentUpdateCommands.Resolve.class, IncidentCommand.ListOpen.class,
        IncidentCommand.Show.class, IncidentCommand.PostMortem.class})
public final class IncidentCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String defaultBy() {
    return Optional.ofNullable(System.getenv("USER")).orElse("");
  }

  @Command(name = "start",
      description = {"Open an incident, or join the open one with the same key.",
          "The key is the environment and the fingerprint, or the type without one.",
          "Accepted even while no worker runs; it starts when one does.",
          "", "Example:",
          "  ./runbook incident start --type disk-space --env production \\",
          "      --summary \"/opt/spacetime 95 %% full\" --severity P2 --host api-1"},
      mixinStandardHelpOptions = true)
  public static final class Start implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
        description = "api-unresponsive, high-error-rate, slow-response, auth-failures, scene-load-failures,"
            + " memory-leak or disk-space.")
    String type;

    @Option(names = {"--env", "-e"}, required = true, paramLabel = "ENV", description = "Environment name.")
    String environment;

    @Option(names = "--summary", required = true, paramLabel = "TEXT", description = "What is wrong, in one line.")
    String summary;

    @Option(names = "--severity", paramLabel = "P0..P4", description = "Leave out to have it assessed from evidence.")
    String severity = "";

    @Option(names = "--fingerprint", paramLabel = "ID", description = "What makes two reports one incident.")
    String fingerprint = "";

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label for the timeline. Repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--host", paramLabel = "HOST", description = "An affected host (default: every host). Repeatable.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--by", paramLabel = "NAME", description = "Who reports it (default: $USER).")
    String by = defaultBy();

    @Override
    public Integer call() {
      String source = "cli:" + by;
      IncidentRequest request = new IncidentRequest(type, environment, summary, severity, source, fingerprint, labels, hosts);
      request.validate();
      String now = Instant.now().toString();
      AlertOccurrence report = new AlertOccurrence(AlertOccurrence.FIRING, fingerprint, now, summary, source, labels, now);
      try (TemporalConnection connection = client.connect()) {
        IncidentOpened opened = new RunbookClient(connection).reportIncident(request, report);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Incident " + opened.key() + " (run " + opened.runId() + "): reported.");
        out.println("Follow: ./runbook incident show " + opened.key() + "   Acknowledge: ./runbook incident ack "
            + opened.key() + " --by NAME");
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list",
      description = {"List the open incidents, newest first.",
          "From the server's visibility, or on the embedded server from the incident index.",
          "", "Example:", "  ./runbook incident list --env production --severity P1"},
      mixinStandardHelpOptions = true)
  public static final class ListOpen implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = {"--env", "-e"}, paramLabel = "ENV", description = "Only this environment.")
    String environment = "";

    @Option(names = "--severity", paramLabel = "P0..P4", description = "Only this severity.")
    String severity = "";

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this incident type.")
    String type = "";

    @Override
    public Integer call() {
      IncidentFilter filter = new IncidentFilter(environment, severity, type);
      filter.validate();
      try (TemporalConnection connection = client.connect()) {
        OpenIncidents open = new RunbookClient(connection).openIncidents(filter);
        PrintWriter out = spec.commandLine().getOut();
        if (open.incidents().isEmpty()) {
          out.println("No open incident" + (filter.equals(IncidentFilter.ALL) ? "." : " matches."));
        }
        for (IncidentSummary incident : open.incidents()) {
          out.printf("%-48s %-3s %-20s %-13s %s%n", incident.key(), incident.severity().isEmpty() ? "-" : incident.severity(),
              incident.type(), incident.status(), incident.summary());
        }
        out.println("(" + open.incidents().size() + " from " + (OpenIncidents.INDEX.equals(open.source())
            ? "the incident index: this server has no visibility)" : "visibility)"));
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "show",
      description = {"Show an incident: severity, status, escalation, pending approvals, timeline.",
          "", "Example:", "  ./runbook incident show incident-production-high-error-rate"},
      mixinStandardHelpOptions = true)
  public static final class Show implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The incident's key.")
    String key;

    @Override
    public Integer call() {
      try (TemporalConnection connection = client.connect()) {
        RunbookClient incidents = new RunbookClient(connection);
        IncidentState s = incidents.incidentState(key);
        PrintWriter out = spec.commandLine().getOut();
        out.println(s.key() + ": " + s.type() + " in " + s.environment() + ", " + (s.severity().isEmpty() ? "severity"
            + " not assessed yet" : s.severity()) + ", " + s.status().word() + " (" + s.phase() + ")");
        out.println("Summary: " + s.summary());
        out.println("Acknowledged: " + (s.acknowledgedBy().isEmpty() ? "no" : "by " + s.acknowledgedBy()));
        if (!s.nextEscalationTo().isEmpty()) {
          out.println("Next escalation: " + s.nextEscalationTo() + " at " + Instant.ofEpochMilli(s.nextEscalationAt()));
        }
        for (PendingApproval pending : s.pendingApprovals()) {
          out.println("Waiting for approval: " + pending.id() + " — " + pending.description()
              + " (./runbook incident approve " + s.key() + " --action " + pending.id() + " ...)");
        }
        out.println("Timeline:");
        for (TimelineEvent event : incidents.incidentTimeline(key)) {
          out.println("  " + Instant.ofEpochMilli(event.at()) + "  " + event.kind() + "  " + event.by()
              + (event.text().isEmpty() ? "" : ": " + event.text()));
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "postmortem",
      description = {"Print the post-mortem draft (Markdown, the runbook's template) as of now.",
          "", "Example:", "  ./runbook incident postmortem incident-production-disk-space \\",
          "      --output pm.md"},
      mixinStandardHelpOptions = true)
  public static final class PostMortem implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The incident's key.")
    String key;

    @Option(names = "--output", paramLabel = "FILE", description = "Write it to FILE instead of printing it.")
    Path output;

    @Override
    public Integer call() throws java.io.IOException {
      try (TemporalConnection connection = client.connect()) {
        String markdown = new RunbookClient(connection).postMortem(key);
        if (output == null) {
          spec.commandLine().getOut().print(markdown);
        } else {
          Files.writeString(output, markdown);
          spec.commandLine().getOut().println("Post-mortem draft: " + output.toAbsolutePath());
        }
        return ExitCodes.OK;
      }
    }
  }
}
