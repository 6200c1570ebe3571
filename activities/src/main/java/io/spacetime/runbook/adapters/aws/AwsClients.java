package io.spacetime.runbook.adapters.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The one place AWS SDK clients are built: one client per service, region and endpoint, shared by
 * every activity of the worker (a client holds a connection pool) and closed with the worker.
 *
 * <p>Credentials come only from the SDK's default provider chain (environment variables, the
 * {@code aws.accessKeyId} system properties, the profile file, the instance or task role): an
 * environment file never holds them, so they never reach workflow history.
 *
 * <p><b>Retries happen in one layer: Temporal's.</b> The SDK's own retries are off. Every AWS call
 * is made by an activity, and the activity's retry policy ({@code RunbookActivityOptions}: 3
 * attempts, 1 s then 2 s apart, never for a failure in {@code FailureTypes.NO_RETRY}) already
 * retries a throttled or failed call; SDK retries inside it would multiply the attempts (3 x 3) and
 * hide them from the run's history, where each Temporal attempt is visible. Every call is idempotent
 * (register, deregister, UPSERT), so a retried activity is safe.
 *
 * <p><b>Timeouts fit inside the activity's.</b> One call may take {@link #API_CALL_TIMEOUT} (one
 * attempt, so the attempt timeout is the same); the shortest activity making AWS calls has 2 minutes
 * (quick) and the waits stop polling at their own limit, which leaves the 30 s margin of
 * {@code RunbookActivityOptions.polling} for the last call.
 */
public final class AwsClients implements AutoCloseable {

  /** One AWS API call, connection and answer included; the SDK's default has no limit at all. */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(15);

  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

  public ElasticLoadBalancingV2Client elbv2(String region, String endpointUrl) {
    return client("elbv2", region, endpointUrl, () -> configure(ElasticLoadBalancingV2Client.builder(), region, endpointUrl));
  }

  public Ec2Client ec2(String region, String endpointUrl) {
    return client("ec2", region, endpointUrl, () -> configure(Ec2Client.builder(), region, endpointUrl));
  }

  /** Route 53 is global: its region is {@code aws-global} whatever the environment's is. */
  public Route53Client route53(String endpointUrl) {
    String region = Region.AWS_GLOBAL.id();
    return client("route53", region, endpointUrl, () -> configure(Route53Client.builder(), region, endpointUrl));
  }

  @SuppressWarnings("unchecked")
  private <C extends SdkClient> C client(String service, String region, String endpointUrl,
      java.util.function.Supplier<C> build) {
    return (C) clients.computeIfAbsent(service + " " + region + " " + endpointUrl, key -> build.get());
  }

  private static <B extends AwsClientBuilder<B, C>, C> C configure(B builder, String region, String endpointUrl) {
    builder.region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(API_CALL_TIMEOUT)
            .apiCallAttemptTimeout(API_CALL_TIMEOUT)
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build());
    if (!endpointUrl.isEmpty()) {
      builder.endpointOverride(URI.create(endpointUrl));
    }
    return builder.build();
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
  }
}
