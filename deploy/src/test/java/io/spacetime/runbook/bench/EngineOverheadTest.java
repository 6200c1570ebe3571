package io.spacetime.runbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split of a run's wall time into the runbook's work and the engine's overhead, on built histories. */
class EngineOverheadTest {

  private final List<HistoryEvent> events = new ArrayList<>();
  private long nextId = 1;

  @Test
  void overlappingWorkIsCountedOnceAndTheGapsAreTheEnginesOverhead() {
    at(0, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    long a = at(100, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED);
    long b = at(150, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED); // in parallel with a
    completed(400, a);
    failed(500, b);
    timer(520, 900, "startup wait");
    at(1000, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);

    EngineOverhead.Split split = EngineOverhead.of(events, List.of());

    assertThat(split.wallMs()).isEqualTo(1000);
    assertThat(split.activityMs()).isEqualTo(400); // 100-500, the two attempts overlapping
    assertThat(split.timerMs()).isEqualTo(380);
    assertThat(split.workMs()).isEqualTo(780);
    assertThat(split.overheadMs()).isEqualTo(220); // 0-100, 500-520, 900-1000
    assertThat(split.activities()).isEqualTo(2);
    assertThat(split.overheadFraction()).isEqualTo(0.22);
  }

  @Test
  void aChildsWorkCountsWhileTheParentWaitsForIt() {
    at(0, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    at(1000, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    List<HistoryEvent> parent = new ArrayList<>(events);
    events.clear();
    long c = at(200, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED);
    completed(950, c);

    EngineOverhead.Split split = EngineOverhead.of(parent, List.of(new ArrayList<>(events)));

    assertThat(split.workMs()).isEqualTo(750);
    assertThat(split.overheadMs()).isEqualTo(250);
  }

  @Test
  void theUnionOfIntervalsCountsNestedAndTouchingOnesOnce() {
    assertThat(EngineOverhead.covered(List.of(new EngineOverhead.Interval(0, 10), new EngineOverhead.Interval(2, 5),
        new EngineOverhead.Interval(10, 20), new EngineOverhead.Interval(30, 31)))).isEqualTo(21);
    assertThat(EngineOverhead.covered(List.of())).isZero();
  }

  private long at(long millis, EventType type) {
    return add(HistoryEvent.newBuilder().setEventType(type), millis);
  }

  private void completed(long millis, long startedId) {
    add(HistoryEvent.newBuilder().setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .setActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes.newBuilder().setStartedEventId(startedId)),
        millis);
  }

  private void failed(long millis, long startedId) {
    add(HistoryEvent.newBuilder().setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
        .setActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes.newBuilder().setStartedEventId(startedId)),
        millis);
  }

  private void timer(long from, long to, String id) {
    add(HistoryEvent.newBuilder().setEventType(EventType.EVENT_TYPE_TIMER_STARTED)
        .setTimerStartedEventAttributes(TimerStartedEventAttributes.newBuilder().setTimerId(id)), from);
    add(HistoryEvent.newBuilder().setEventType(EventType.EVENT_TYPE_TIMER_FIRED)
        .setTimerFiredEventAttributes(TimerFiredEventAttributes.newBuilder().setTimerId(id)), to);
  }

  private long add(HistoryEvent.Builder event, long millis) {
    long id = nextId++;
    events.add(event.setEventId(id).setEventTime(Timestamp.newBuilder().setSeconds(millis / 1000)
        .setNanos((int) (millis % 1000) * 1_000_000)).build());
    return id;
  }
}
