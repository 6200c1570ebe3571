package io.spacetime.runbook.adapters.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spacetime.runbook.adapters.testing.HttpTestServer.Response;
import io.spacetime.runbook.adapters.testing.HttpTestServer;
import io.spacetime.runbook.core.RunbookActivityOptions;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries happen in one layer: the adapter sends once per attempt and Temporal's retry policy
 * ({@link RunbookActivityOptions#notification()}) decides whether and when to try again.
 */
class PagingRetriesTest {

  static final String TASK_QUEUE = "paging";
  static final Page TRIGGER = new Page(Page.TRIGGER, "incident-1", "P0 API unresponsive", "critical", "production",
      "on-call engineer", null);

  /** The smallest workflow that pages with the runbooks' notification options. */
  @WorkflowInterface
  public interface PageOnce {
    @WorkflowMethod
    Delivery page(PagingSettings settings, Page page);
  }

  public static class PageOnceImpl implements PageOnce {
    private final NotificationActivities notifications =
        Workflow.newActivityStub(NotificationActivities.class, RunbookActivityOptions.notification());

    @Override
    public Delivery page(PagingSettings settings, Page page) {
      return notifications.page(settings, page);
    }
  }

  final Queue<Response> answers = new ConcurrentLinkedQueue<>();
  TestWorkflowEnvironment temporal;
  HttpTestServer pagerDuty;
  PagingSettings settings;

  @BeforeEach
  void setUp() throws Exception {
    pagerDuty = HttpTestServer.start().on("/v2/enqueue", request -> {
      Response next = answers.poll();
      return next == null ? new Response(503, "still down") : next;
    });
    settings = new PagingSettings("PAGERDUTY_ROUTING_KEY", pagerDuty.url("/v2/enqueue"));
    temporal = TestWorkflowEnvironment.newInstance();
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(PageOnceImpl.class);
    worker.registerActivitiesImplementations(
        new NotificationActivitiesImpl(Map.of("PAGERDUTY_ROUTING_KEY", "R0UT1NGKEY0f3a9c2b7d1e4a6b8c9d0e")::get));
    temporal.start();
  }

  @AfterEach
  void tearDown() {
    temporal.close();
    pagerDuty.close();
  }

  @Test
  void aPageThatMeetsABusyPagerDutyIsDeliveredByTheRetryPolicy() {
    answers.add(new Response(503, "upstream unavailable"));
    answers.add(new Response(429, "{\"message\":\"slow down\"}", Map.of("Retry-After", "2")));
    answers.add(new Response(202, "{\"status\":\"success\"}"));

    Delivery delivery = pageOnce().page(settings, TRIGGER);

    assertEquals(List.of("console", "pagerduty 202"), delivery.channels());
    assertEquals(3, pagerDuty.requests().size());
  }

  @Test
  void aRefusedPageIsSentOnceAndFailsTheActivityAtOnce() {
    answers.add(new Response(400, "{\"message\":\"Event object is invalid\"}"));

    WorkflowFailedException failed = assertThrows(WorkflowFailedException.class, () -> pageOnce().page(settings, TRIGGER));

    assertEquals(1, pagerDuty.requests().size());
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class,
        assertInstanceOf(ActivityFailure.class, failed.getCause()).getCause());
    assertEquals("NotificationFailed", cause.getType());
  }

  @Test
  void aPagerDutyThatStaysDownIsTriedAsOftenAsThePolicyAllowsThenFails() {
    assertThrows(WorkflowFailedException.class, () -> pageOnce().page(settings, TRIGGER));

    assertEquals(RunbookActivityOptions.notification().getRetryOptions().getMaximumAttempts(),
        pagerDuty.requests().size());
  }

  private PageOnce pageOnce() {
    WorkflowClient client = temporal.getWorkflowClient();
    return client.newWorkflowStub(PageOnce.class, WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).build());
  }
}
