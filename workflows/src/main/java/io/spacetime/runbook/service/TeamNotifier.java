package io.spacetime.runbook.service;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Evidence;
import io.spacetime.runbook.core.Failures;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * Telling the team from workflow code, with the environment's notification settings and the run's
 * workflow id on every notice. A notice the runbook requires ({@link #send}) fails its step when it
 * cannot be delivered; a notice after the fact ({@link #sendBestEffort}) never changes the outcome.
 */
public final class TeamNotifier {

  private final Environment environment;
  private final ActivityStubs stubs;
  private final String runId = Workflow.getInfo().getWorkflowId();

  public TeamNotifier(Environment environment, ActivityStubs stubs) {
    this.environment = environment;
    this.stubs = stubs;
  }

  /** What a best-effort notice did, for the report. */
  public record Notified(boolean delivered, Evidence evidence) {}

  public Delivery send(String severity, String title, String text) {
    return stubs.notification(NotificationActivities.class)
        .notify(environment.notifications(), new Notice(environment.name(), severity, title, text, runId));
  }

  /**
   * Sends in a detached scope (so a cancelled run still reports its rollback) and records a
   * failed delivery instead of throwing.
   */
  public Notified sendBestEffort(String severity, String title, String text) {
    Notified[] notified = new Notified[1];
    Workflow.newDetachedCancellationScope(() -> {
      try {
        Delivery delivery = send(severity, title, text);
        notified[0] = new Notified(true, new Evidence("", "notify (" + severity + "): " + title, "delivered", text,
            Map.of("channels", String.join(", ", delivery.channels())), 0));
      } catch (ActivityFailure e) {
        notified[0] = new Notified(false, new Evidence("", "notify (" + severity + "): " + title, "not delivered", text,
            Map.of("why", Failures.describe(e)), 0));
      }
    }).run();
    return notified[0];
  }

  /**
   * A best-effort notice recorded as {@code step} of the run: "team notified: title", or, when it
   * could not be delivered, "notice NOT delivered: title" as a failed step that changes nothing else.
   */
  public void tell(Procedure procedure, Step step, String severity, String title, String text) {
    Notified notified = sendBestEffort(severity, title, text);
    procedure.note(step, "", notified.delivered() ? StepStatus.PASSED : StepStatus.FAILED,
        (notified.delivered() ? "team notified: " : "notice NOT delivered: ") + title, List.of(notified.evidence()));
  }

  /** Step 1 / Step 10: the maintenance switch, when the environment has one. */
  public HttpExchange maintenance(boolean enabled, String reason) {
    return stubs.notification(NotificationActivities.class).setMaintenance(environment.maintenance(), enabled, reason);
  }

  /** The same notifier with activity summaries fixed to {@code summary} (rollback actions). */
  public TeamNotifier summarised(String summary) {
    return new TeamNotifier(environment, ActivityStubs.summarised(summary));
  }

  /** The lines of a notice's text, without empty ones. */
  public static String lines(String... lines) {
    return String.join("\n", List.of(lines).stream().filter(l -> !l.isEmpty()).toList());
  }
}
