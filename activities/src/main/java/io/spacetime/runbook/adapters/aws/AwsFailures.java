package io.spacetime.runbook.adapters.aws;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.adapters.AdapterFailures.retryable;
import static io.spacetime.runbook.core.FailureTypes.AWS_REQUEST_FAILED;
import static io.spacetime.runbook.core.FailureTypes.AWS_REQUEST_REFUSED;

import io.temporal.failure.ApplicationFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS errors as the runbook's failures: AWS's error code and message first (what an operator
 * searches for), then what was asked and which environment field to check. Refusals a retry cannot
 * change (an unknown target group or zone, a wrong region, a missing permission, a bad request) are
 * non-retryable, so a preflight aborts at once; throttling, 5xx and network trouble are retried by
 * Temporal (see {@link AwsClients} for why only there).
 */
public final class AwsFailures {

  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private AwsFailures() {}

  /**
   * @param action what was asked, e.g. {@code elbv2 DescribeTargetGroups of arn:...}
   * @param check the environment fields to look at, e.g. {@code loadBalancer.targetGroupArn and aws.region (us-east-1)}
   */
  public static ApplicationFailure of(SdkException e, String action, String check) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = errorField(service, service.awsErrorDetails().errorCode(), CODE);
      String message = code + ": " + errorField(service, service.awsErrorDetails().errorMessage(), MESSAGE) + " (HTTP "
          + service.statusCode() + ", " + action + ")";
      if (service.isThrottlingException() || service.statusCode() >= 500) {
        return retryable(AWS_REQUEST_FAILED, message + "; retried");
      }
      boolean permission = service.statusCode() == 401 || service.statusCode() == 403 || code.contains("AccessDenied") || code.contains("Unauthorized") || code.contains("AuthFailure")
          || code.contains("InvalidClientTokenId") || code.contains("SignatureDoesNotMatch");
      String hint = permission ? "the worker's AWS credentials (default provider chain) lack this permission or are not valid"
          : "InvalidTarget".equals(code) ? "check the host's loadBalancerTargetId: the instance must exist, run, and be in"
              + " the target group's VPC"
          : "check " + check;
      return nonRetryable(AWS_REQUEST_REFUSED, message + ": " + hint);
    }
    String text = String.valueOf(e.getMessage());
    if (text.contains("credentials")) {
      return nonRetryable(AWS_REQUEST_REFUSED, "no AWS credentials for " + action + ": " + text + "; give the worker"
          + " credentials through the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE,"
          + " or an instance role), never in the environment file");
    }
    return retryable(AWS_REQUEST_FAILED, "AWS did not answer " + action + ": " + text + " (" + check + ")");
  }

  /**
   * The error's code or message as the SDK parsed it; else read from the body, whose envelope the
   * SDK's query-protocol parser may not know (moto's IAM refusals nest the error one level deeper
   * than AWS does), so a refusal never loses AWS's own words; else the HTTP status.
   */
  private static String errorField(AwsServiceException e, String parsed, Pattern inBody) {
    if (parsed != null && !parsed.isBlank()) {
      return parsed;
    }
    SdkBytes body = e.awsErrorDetails().rawResponse();
    Matcher m = inBody.matcher(body == null ? "" : body.asUtf8String());
    return m.find() ? m.group(1) : "HTTP " + e.statusCode();
  }
}
