package io.spacetime.runbook.starter.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.core.ShortHash;
import io.spacetime.runbook.document.RunbookWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A schedules-file entry as a Temporal Schedule: its spec (cron or interval, time zone, jitter),
 * its action (start {@code RunbookWorkflow} with the document, environment and parameters, the same
 * input the Web UI and {@code ./runbook run} give), its policies and its state.
 *
 * <p>The action's memo carries a hash of the entry: {@code apply} compares it to tell an unchanged
 * schedule from a changed one (the server rewrites cron strings into calendars, so the described
 * spec cannot be compared with the file's).
 */
final class ScheduleDefinition {

  /** The document interpreter's workflow type. */
  static final String WORKFLOW_TYPE = RunbookWorkflow.TYPE;
  static final String MEMO_SCHEDULE = "runbookSchedule";
  static final String MEMO_DEFINITION = "scheduleDefinition";
  static final String MEMO_WHEN = "scheduleWhen";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleDefinition() {}

  static Schedule of(ScheduleEntry entry, String taskQueue, ScheduleState state) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("runbook", entry.runbook());
    input.put("environment", entry.environment());
    input.put("parameters", entry.parameters());
    WorkflowOptions run = WorkflowOptions.newBuilder()
        .setWorkflowId(entry.id())
        .setTaskQueue(taskQueue)
        .setMemo(Map.of(MEMO_SCHEDULE, entry.id(), MEMO_DEFINITION, hash(entry, taskQueue), MEMO_WHEN, when(entry)))
        .build();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(WORKFLOW_TYPE)
            .setArguments(input)
            .setOptions(run)
            .build())
        .setSpec(spec(entry))
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(overlap(entry.overlap()))
            .setCatchupWindow(ScheduleEntry.duration(entry.catchupWindow()).orElseThrow())
            .setPauseOnFailure(entry.pauseOnFailure())
            .build())
        .setState(state)
        .build();
  }

  /** The state a new schedule starts in: paused only when the file says so. */
  static ScheduleState initialState(ScheduleEntry entry, String by) {
    return ScheduleState.newBuilder().setPaused(entry.paused())
        .setNote(entry.paused() ? "paused by the schedules file (" + by + ")" : "created by " + by).build();
  }

  /** "cron 0 7 * * * (Europe/Berlin), jitter 2m" or "every 1h (UTC)": for list and the runs' memo. */
  static String when(ScheduleEntry entry) {
    String what = entry.cron().isEmpty()
        ? "every " + entry.every() + (entry.offset().isEmpty() ? "" : " +" + entry.offset())
        : "cron " + entry.cron();
    return what + " (" + entry.timeZone() + ")" + (entry.jitter().isEmpty() ? "" : ", jitter " + entry.jitter());
  }

  static String hash(ScheduleEntry entry, String taskQueue) {
    try {
      return ShortHash.of(JSON.writeValueAsString(entry) + "@" + taskQueue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a schedule entry is always JSON", e);
    }
  }

  private static ScheduleSpec spec(ScheduleEntry entry) {
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder().setTimeZoneName(entry.timeZone());
    if (entry.cron().isEmpty()) {
      Duration every = ScheduleEntry.duration(entry.every()).orElseThrow();
      Duration offset = entry.offset().isEmpty() ? Duration.ZERO : ScheduleEntry.duration(entry.offset()).orElseThrow();
      spec.setIntervals(List.of(new ScheduleIntervalSpec(every, offset)));
    } else {
      spec.setCronExpressions(List.of(entry.cron()));
    }
    if (!entry.jitter().isEmpty()) {
      spec.setJitter(ScheduleEntry.duration(entry.jitter()).orElseThrow());
    }
    return spec.build();
  }

  static ScheduleOverlapPolicy overlap(String name) {
    return ScheduleOverlapPolicy.valueOf("SCHEDULE_OVERLAP_POLICY_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
