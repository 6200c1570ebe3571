package io.spacetime.runbook.starter.schedules;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.spacetime.runbook.connection.TemporalConnection;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.EncodedValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The schedules of runbook documents on a Temporal server: {@link #apply} makes the server's
 * schedules what a schedules file says, idempotently; the rest maps to the Schedule API.
 *
 * <p>A schedule {@code apply} made carries the memo {@code managedBy}, so {@code apply --prune}
 * deletes only schedules of ours that the file no longer lists, never someone else's.
 */
public final class RunbookSchedules {

  /** The overlap policies a schedules file and the CLI accept. */
  public static final List<String> OVERLAPS = ScheduleEntry.OVERLAPS;
  static final String MEMO_MANAGED_BY = "managedBy";
  static final String MANAGED_BY = "runbook schedules apply";

  private final ScheduleClient schedules;
  private final DataConverter converter;
  private final String taskQueue;

  /** The schedules of the server {@code connection} talks to, its payloads encoded as the worker's are. */
  public static RunbookSchedules on(TemporalConnection connection) {
    DataConverter converter = TemporalConnection.dataConverter(connection.settings());
    return new RunbookSchedules(ScheduleClient.newInstance(connection.stubs(), ScheduleClientOptions.newBuilder()
        .setNamespace(connection.settings().namespace()).setDataConverter(converter).build()),
        converter, connection.settings().taskQueue());
  }

  public RunbookSchedules(ScheduleClient schedules, DataConverter converter, String taskQueue) {
    this.schedules = schedules;
    this.converter = converter;
    this.taskQueue = taskQueue;
  }

  /** What {@code apply} did (or, with {@code dryRun}, would do) to one schedule. */
  public record Applied(String id, Change change, String when) {}

  public enum Change { CREATED, UPDATED, UNCHANGED, DELETED, NOT_IN_FILE }

  /**
   * Creates the file's schedules that do not exist, updates those whose entry changed, leaves the
   * others alone (applying twice changes nothing). An updated schedule keeps its pause state and
   * note (an operator's pause survives a re-apply), unless the file pauses it.
   */
  public List<Applied> apply(ScheduleFile file, boolean dryRun, boolean prune, String by) {
    List<Applied> done = new ArrayList<>();
    for (ScheduleEntry entry : file.schedules()) {
      Optional<ScheduleDescription> current = describe(entry.id());
      String when = ScheduleDefinition.when(entry);
      if (current.isEmpty()) {
        if (!dryRun) {
          schedules.createSchedule(entry.id(), ScheduleDefinition.of(entry, taskQueue,
              ScheduleDefinition.initialState(entry, by)), ScheduleOptions.newBuilder()
              .setMemo(Map.of(MEMO_MANAGED_BY, MANAGED_BY)).build());
        }
        done.add(new Applied(entry.id(), Change.CREATED, when));
      } else if (ScheduleDefinition.hash(entry, taskQueue).equals(actionMemo(current.get(), ScheduleDefinition.MEMO_DEFINITION))) {
        done.add(new Applied(entry.id(), Change.UNCHANGED, when));
      } else {
        if (!dryRun) {
          schedules.getHandle(entry.id()).update(in -> {
            ScheduleState was = in.getDescription().getSchedule().getState();
            ScheduleState state = entry.paused() && !was.isPaused()
                ? ScheduleDefinition.initialState(entry, by) : was;
            Schedule schedule = ScheduleDefinition.of(entry, taskQueue, state);
            return new ScheduleUpdate(schedule);
          });
        }
        done.add(new Applied(entry.id(), Change.UPDATED, when));
      }
    }
    Set<String> listed = file.schedules().stream().map(ScheduleEntry::id).collect(Collectors.toSet());
    for (String id : managedIds()) {
      if (!listed.contains(id)) {
        if (prune && !dryRun) {
          schedules.getHandle(id).delete();
        }
        done.add(new Applied(id, prune ? Change.DELETED : Change.NOT_IN_FILE, ""));
      }
    }
    return done;
  }

  /** One line per schedule of the server that runs a runbook document. */
  public record Listed(String id, String workflowType, String runbookAndEnvironment, String when, boolean paused,
      String note, Optional<Instant> nextRun, Optional<Instant> lastRun, long runs) {}

  public List<Listed> list() {
    List<Listed> out = new ArrayList<>();
    schedules.listSchedules().forEach(s -> describe(s.getScheduleId()).ifPresent(d -> out.add(listed(d))));
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  public void pause(String id, String note) {
    existing(id).pause(note);
  }

  public void unpause(String id, String note) {
    existing(id).unpause(note);
  }

  /** Starts a run now, as if it were due ({@code overlap} as the schedule's own when empty). */
  public void trigger(String id, Optional<String> overlap) {
    ScheduleHandle handle = existing(id);
    if (overlap.isPresent()) {
      handle.trigger(ScheduleDefinition.overlap(overlap.get()));
    } else {
      handle.trigger();
    }
  }

  /** Runs the schedule's actions that fell due between {@code from} and {@code to}, now. */
  public void backfill(String id, Instant from, Instant to, String overlap) {
    ScheduleOverlapPolicy policy = ScheduleDefinition.overlap(overlap);
    existing(id).backfill(List.of(new ScheduleBackfill(from, to, policy)));
  }

  private Listed listed(ScheduleDescription d) {
    String type = d.getSchedule().getAction() instanceof ScheduleActionStartWorkflow start ? start.getWorkflowType() : "";
    String runbook = "";
    if (d.getSchedule().getAction() instanceof ScheduleActionStartWorkflow start && start.getArguments().getSize() > 0) {
      Map<?, ?> input = start.getArguments().get(0, Map.class);
      runbook = input.get("runbook") + " on " + input.get("environment");
    }
    Optional<Instant> next = d.getInfo().getNextActionTimes().stream().findFirst();
    Optional<Instant> last = d.getInfo().getRecentActions().stream().reduce((a, b) -> b).map(a -> a.getStartedAt());
    ScheduleState state = d.getSchedule().getState();
    return new Listed(d.getId(), type, runbook, actionMemo(d, ScheduleDefinition.MEMO_WHEN), state.isPaused(),
        state.getNote() == null ? "" : state.getNote(), next, last, d.getInfo().getNumActions());
  }

  private List<String> managedIds() {
    return schedules.listSchedules().filter(s -> MANAGED_BY.equals(stringMemo(s.getMemo(MEMO_MANAGED_BY, Object.class))))
        .map(s -> s.getScheduleId()).sorted().toList();
  }

  private ScheduleHandle existing(String id) {
    if (describe(id).isEmpty()) {
      throw new IllegalArgumentException("no schedule " + id + " (./runbook schedules list shows them)");
    }
    return schedules.getHandle(id);
  }

  private Optional<ScheduleDescription> describe(String id) {
    try {
      return Optional.of(schedules.getHandle(id).describe());
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
          return Optional.empty();
        }
      }
      throw e;
    }
  }

  private String actionMemo(ScheduleDescription d, String key) {
    if (d.getSchedule().getAction() instanceof ScheduleActionStartWorkflow start && start.getOptions().getMemo() != null) {
      return stringMemo(start.getOptions().getMemo().get(key));
    }
    return "";
  }

  /** A memo value as the SDK hands it back: already decoded, encoded values (an action's memo), or a payload. */
  private String stringMemo(Object value) {
    if (value instanceof EncodedValues encoded) {
      return encoded.getSize() == 0 ? "" : encoded.get(0, String.class);
    }
    if (value instanceof Payload payload) {
      return converter.fromPayload(payload, String.class, String.class);
    }
    return value == null ? "" : value.toString();
  }
}
