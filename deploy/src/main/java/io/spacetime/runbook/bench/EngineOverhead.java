package io.spacetime.runbook.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's wall time split into the runbook's own work and the engine's overhead, from the
 * server's event times: work is every moment at least one activity is executing (a command, a
 * probe, a copy, the load test) or a timer is running (a startup wait, a pause between probes),
 * in the run or any of its children; the engine's overhead is the rest (scheduling, workflow
 * tasks, history writes, polling). Overlapping work is counted once.
 */
final class EngineOverhead {

  /** A stretch of the runbook's own work, in epoch milliseconds. */
  record Interval(long start, long end) {}

  /**
   * @param wallMs from the run's start to its close
   * @param workMs how much of it at least one activity or timer was running
   * @param activities how many activity executions (attempts) the runs made
   */
  record Split(long wallMs, long workMs, long activityMs, long timerMs, int activities) {

    long overheadMs() {
      return wallMs - workMs;
    }

    double overheadFraction() {
      return wallMs == 0 ? 0 : (double) overheadMs() / wallMs;
    }
  }

  private EngineOverhead() {}

  /**
   * @param root the run's own history (its first and last events bound the wall time)
   * @param children the histories of every child it started, at any depth
   */
  static Split of(List<HistoryEvent> root, List<List<HistoryEvent>> children) {
    List<Interval> activities = new ArrayList<>();
    List<Interval> timers = new ArrayList<>();
    collect(root, activities, timers);
    children.forEach(h -> collect(h, activities, timers));
    List<Interval> all = new ArrayList<>(activities);
    all.addAll(timers);
    long wall = millis(root.get(root.size() - 1)) - millis(root.get(0));
    return new Split(wall, covered(all), covered(activities), covered(timers), activities.size());
  }

  /** The length of the union of {@code intervals}. */
  static long covered(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(Interval::start));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (Interval i : sorted) {
      if (i.start() > end) {
        total += end > start ? end - start : 0;
        start = i.start();
        end = i.end();
      } else {
        end = Math.max(end, i.end());
      }
    }
    return total + (end > start ? end - start : 0);
  }

  private static void collect(List<HistoryEvent> history, List<Interval> activities, List<Interval> timers) {
    Map<Long, Long> startedAt = new HashMap<>();
    Map<String, Long> timerAt = new HashMap<>();
    for (HistoryEvent e : history) {
      EventType type = e.getEventType();
      long at = millis(e);
      switch (type) {
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> startedAt.put(e.getEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            end(activities, startedAt, e.getActivityTaskCompletedEventAttributes().getStartedEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            end(activities, startedAt, e.getActivityTaskFailedEventAttributes().getStartedEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            end(activities, startedAt, e.getActivityTaskTimedOutEventAttributes().getStartedEventId(), at);
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            end(activities, startedAt, e.getActivityTaskCanceledEventAttributes().getStartedEventId(), at);
        case EVENT_TYPE_TIMER_STARTED -> timerAt.put(e.getTimerStartedEventAttributes().getTimerId(), at);
        case EVENT_TYPE_TIMER_FIRED -> timer(timers, timerAt, e.getTimerFiredEventAttributes().getTimerId(), at);
        case EVENT_TYPE_TIMER_CANCELED -> timer(timers, timerAt, e.getTimerCanceledEventAttributes().getTimerId(), at);
        default -> { }
      }
    }
  }

  private static void end(List<Interval> into, Map<Long, Long> startedAt, long startedEventId, long at) {
    Long start = startedAt.remove(startedEventId);
    if (start != null) {
      into.add(new Interval(start, at));
    }
  }

  private static void timer(List<Interval> into, Map<String, Long> startedAt, String id, long at) {
    Long start = startedAt.remove(id);
    if (start != null) {
      into.add(new Interval(start, at));
    }
  }

  private static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }
}
