package io.spacetime.runbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunbookActivityOptionsTest {

  @Test
  void quickChecksHaveTwoMinutes() {
    assertEquals(Duration.ofMinutes(2), RunbookActivityOptions.quick().getStartToCloseTimeout());
  }

  @Test
  void pagesKeepTryingForFiveMinutesWithBackoffButNeverAfterA400() {
    ActivityOptions paging = RunbookActivityOptions.paging();
    assertEquals(Duration.ofMinutes(5), paging.getScheduleToCloseTimeout());
    assertEquals(0, paging.getRetryOptions().getMaximumAttempts(), "bounded by time, not by attempts");
    assertEquals(Duration.ofSeconds(30), paging.getRetryOptions().getMaximumInterval());
    assertEquals(java.util.List.of(FailureTypes.NO_RETRY.toArray(String[]::new)),
        java.util.List.of(paging.getRetryOptions().getDoNotRetry()));
  }

  @Test
  void hostStepsGetTheEnvironmentsCommandLimitPlusAMarginSoTheCommandAlwaysStopsFirst() {
    assertEquals(Duration.ofSeconds(150), RunbookActivityOptions.onHost(120).getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(1830), RunbookActivityOptions.transfer(1800).getStartToCloseTimeout());
  }

  @Test
  void everyKindNoticesADeadWorkerWithinFifteenSeconds() {
    for (ActivityOptions options : java.util.List.of(RunbookActivityOptions.quick(), RunbookActivityOptions.transfer(1800),
        RunbookActivityOptions.onHost(120),
        RunbookActivityOptions.polling(60), RunbookActivityOptions.loadTest(300), RunbookActivityOptions.command(600),
        RunbookActivityOptions.notification(), RunbookActivityOptions.paging())) {
      assertEquals(Duration.ofSeconds(15), options.getHeartbeatTimeout());
    }
  }

  @Test
  void pollsAndLoadTestsGetTheirOwnDurationPlusAMargin() {
    assertEquals(Duration.ofSeconds(90), RunbookActivityOptions.polling(60).getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(420), RunbookActivityOptions.loadTest(300).getStartToCloseTimeout());
    assertEquals(Duration.ofSeconds(630), RunbookActivityOptions.command(600).getStartToCloseTimeout());
    assertEquals(Duration.ofMinutes(1), RunbookActivityOptions.notification().getStartToCloseTimeout());
  }

  @Test
  void aCommandWhoseOutcomeIsUnknownIsRetriedSoTheRetryCanReadTheState() {
    RetryOptions retry = RunbookActivityOptions.command(120).getRetryOptions();

    assertFalse(java.util.List.of(retry.getDoNotRetry()).contains("CommandOutcomeUnknown"));
    assertTrue(retry.getMaximumAttempts() > 1);
  }

  @Test
  void everyKindRetriesThreeTimesExceptWhatNoRetryCanFix() {
    RetryOptions retry = RunbookActivityOptions.quick().getRetryOptions();

    assertEquals(3, retry.getMaximumAttempts());
    assertEquals(Duration.ofSeconds(1), retry.getInitialInterval());
    assertEquals(2.0, retry.getBackoffCoefficient());
    assertTrue(java.util.List.of(retry.getDoNotRetry()).containsAll(java.util.List.of(
        "InvalidInput", "HostKeyNotVerifiable", "SshKeyMissing", "SshAuthFailed", "UnknownEnvironment", "EnvironmentInvalid",
        "ReleaseMissing", "BackupMissing", "NothingToBackUp", "NotificationMisconfigured", "LoadBalancerUnsupported")));
  }

  @Test
  void cancellingWaitsForTheActivitySoARollbackNeverRacesAChange() {
    assertEquals(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED, RunbookActivityOptions.quick().getCancellationType());
  }
}
