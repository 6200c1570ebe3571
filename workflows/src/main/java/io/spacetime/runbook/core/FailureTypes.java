package io.spacetime.runbook.core;

import java.util.List;

/**
 * The types of the {@code ApplicationFailure}s adapters throw: the contract between adapters
 * (which throw them), retry policies (which skip the ones in {@link #NO_RETRY}), undo loops (which
 * keep trying the others) and reports. Written once, here.
 */
public final class FailureTypes {

  // SSH
  public static final String HOST_KEY_NOT_VERIFIABLE = "HostKeyNotVerifiable";
  public static final String SSH_KEY_MISSING = "SshKeyMissing";
  public static final String SSH_AUTH_FAILED = "SshAuthFailed";
  public static final String HOST_UNREACHABLE = "HostUnreachable";
  /** Every SSH session a host allows (ssh.maxSessions) stayed busy; retryable. */
  public static final String SSH_SESSIONS_BUSY = "SshSessionsBusy";
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
  // Metrics: Prometheus unreachable or busy (retryable), or refusing the query (non-retryable)
  public static final String METRICS_QUERY_FAILED = "MetricsQueryFailed";
  // Environments
  public static final String UNKNOWN_ENVIRONMENT = "UnknownEnvironment";
  public static final String ENVIRONMENT_INVALID = "EnvironmentInvalid";
  /** No runbooks/<name>.yaml in any document directory. */
  public static final String UNKNOWN_DOCUMENT = "UnknownRunbookDocument";
  /** A runbook document that breaks its schema or the document rules; the message names file, line and field. */
  public static final String DOCUMENT_INVALID = "RunbookDocumentInvalid";
  // Locks
  public static final String LOCK_CONTENDED = "LockContended";
  // Load balancer
  public static final String LOAD_BALANCER_UNSUPPORTED = "LoadBalancerUnsupported";
  // AWS: refused for a reason a person must fix (unknown resource, region, permission) or failed on the way
  public static final String AWS_REQUEST_REFUSED = "AwsRequestRefused";
  public static final String AWS_REQUEST_FAILED = "AwsRequestFailed";

  /**
   * Failures no retry can fix until a person changes something (configuration, a known_hosts
   * entry, a missing backup): activities are not retried on them and an undo stops trying.
   */
  public static final List<String> NO_RETRY = List.of(
      INVALID_INPUT, HOST_KEY_NOT_VERIFIABLE, SSH_KEY_MISSING, SSH_AUTH_FAILED, UNKNOWN_ENVIRONMENT,
      ENVIRONMENT_INVALID, RELEASE_MISSING, RELEASE_IN_USE, BACKUP_MISSING, NOTHING_TO_BACK_UP,
      NOTIFICATION_MISCONFIGURED, LOAD_BALANCER_UNSUPPORTED, AWS_REQUEST_REFUSED);

  private FailureTypes() {}
}
