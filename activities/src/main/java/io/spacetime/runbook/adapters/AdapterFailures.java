package io.spacetime.runbook.adapters;

import io.spacetime.runbook.core.InvalidInputException;
import io.temporal.failure.ApplicationFailure;

/**
 * The one place adapters build {@link ApplicationFailure}s. The type names below are the contract
 * with workflow code (retry policies, "do not retry" lists, reports); the messages name the host,
 * file or field and say what to do.
 *
 * <p>Non-retryable: retrying cannot help until a person changes something (configuration, a
 * known_hosts entry, a missing backup). Retryable: the world may fix itself (a host reboots, a
 * webhook recovers), so Temporal's retry policy applies.
 */
public final class AdapterFailures {

  // SSH
  public static final String HOST_KEY_NOT_VERIFIABLE = "HostKeyNotVerifiable";
  public static final String SSH_KEY_MISSING = "SshKeyMissing";
  public static final String SSH_AUTH_FAILED = "SshAuthFailed";
  public static final String HOST_UNREACHABLE = "HostUnreachable";
  public static final String COMMAND_TIMED_OUT = "CommandTimedOut";
  /** The connection died while a command that must not run twice ran: retried, the retry re-checks state first. */
  public static final String COMMAND_OUTCOME_UNKNOWN = "CommandOutcomeUnknown";
  public static final String HOST_COMMAND_FAILED = "HostCommandFailed";
  public static final String UNEXPECTED_OUTPUT = "UnexpectedOutput";
  // Inputs and configuration
  public static final String INVALID_INPUT = InvalidInputException.TYPE;
  public static final String CONFIGURATION_INVALID = "ConfigurationInvalid";
  // Releases
  public static final String NOTHING_TO_BACK_UP = "NothingToBackUp";
  public static final String RELEASE_MISSING = "ReleaseMissing";
  public static final String RELEASE_IN_USE = "ReleaseInUse";
  public static final String STAGING_MISSING = "StagingMissing";
  public static final String CONFIG_SOURCE_MISSING = "ConfigSourceMissing";
  public static final String BACKUP_MISSING = "BackupMissing";
  public static final String LOG_MISSING = "LogMissing";
  // Notifications
  public static final String NOTIFICATION_MISCONFIGURED = "NotificationMisconfigured";
  public static final String NOTIFICATION_FAILED = "NotificationFailed";
  // Environments
  public static final String UNKNOWN_ENVIRONMENT = "UnknownEnvironment";
  public static final String ENVIRONMENT_INVALID = "EnvironmentInvalid";
  // Locks
  public static final String LOCK_CONTENDED = "LockContended";
  // Load balancer
  public static final String LOAD_BALANCER_UNSUPPORTED = "LoadBalancerUnsupported";

  private AdapterFailures() {}

  public static ApplicationFailure nonRetryable(String type, String message, Object... details) {
    return ApplicationFailure.newNonRetryableFailure(message, type, details);
  }

  public static ApplicationFailure retryable(String type, String message, Object... details) {
    return ApplicationFailure.newFailure(message, type, details);
  }

  public static ApplicationFailure retryable(String type, String message, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, type, cause);
  }

  /** A workflow input that breaks an {@link io.spacetime.runbook.core.InputRules} rule. */
  public static ApplicationFailure invalidInput(InvalidInputException e) {
    return nonRetryable(INVALID_INPUT, e.getMessage());
  }
}
