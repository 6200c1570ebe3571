package io.spacetime.runbook.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A silent activity (no heartbeats of its own) that runs longer than its heartbeat timeout: the
 * worker's keep-alive keeps it alive; without the keep-alive the server times it out.
 */
class ActivityKeepAliveTest {

  private static final String QUEUE = "keep-alive";

  @ActivityInterface
  public interface Silent {
    String work(long millis);
  }

  public static final class SilentImpl implements Silent {
    @Override
    public String work(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done after " + millis + " ms";
    }
  }

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    String call(long millis);
  }

  public static final class CallerImpl implements Caller {
    @Override
    public String call(long millis) {
      return Workflow.newActivityStub(Silent.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setHeartbeatTimeout(Duration.ofSeconds(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build()).work(millis);
    }
  }

  @Test
  void aSilentActivityOutlivesItsHeartbeatTimeoutWhileItsWorkerLives() {
    try (ActivityKeepAlive keepAlive = new ActivityKeepAlive();
        TestWorkflowEnvironment env = environment(RunbookWorkerOptions.factoryOptions(keepAlive))) {
      assertEquals("done after 3000 ms", caller(env).call(3000));
    }
  }

  @Test
  void withoutTheKeepAliveTheSameActivityTimesOut() {
    try (TestWorkflowEnvironment env = environment(RunbookWorkerOptions.factoryOptions())) {
      WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> caller(env).call(3000));

      ActivityFailure activity = assertInstanceOf(ActivityFailure.class, failed.getCause());
      TimeoutFailure timeout = assertInstanceOf(TimeoutFailure.class, activity.getCause());
      assertEquals(TimeoutType.TIMEOUT_TYPE_HEARTBEAT, timeout.getTimeoutType());
    }
  }

  private static TestWorkflowEnvironment environment(WorkerFactoryOptions factoryOptions) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false).setWorkerFactoryOptions(factoryOptions).build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(CallerImpl.class);
    worker.registerActivitiesImplementations(new SilentImpl());
    env.start();
    return env;
  }

  private static Caller caller(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().newWorkflowStub(Caller.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
  }
}
