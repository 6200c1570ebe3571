package io.spacetime.runbook.connection;

import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the gRPC connection and the {@link WorkflowClient} the worker and the CLI share, from
 * {@link TemporalSettings}: plain, TLS, mTLS or API key, and the payload codec when a key is
 * configured (so a worker and a CLI with the same key read each other's payloads).
 */
public final class TemporalConnection implements AutoCloseable {

  private final TemporalSettings settings;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(TemporalSettings settings, WorkflowServiceStubs stubs, WorkflowClient client) {
    this.settings = settings;
    this.stubs = stubs;
    this.client = client;
  }

  /** Connects lazily: the first call to the server reports an unreachable address. */
  public static TemporalConnection open(TemporalSettings settings) {
    return open(settings, null);
  }

  /** As {@link #open(TemporalSettings)}, reporting the SDK's client and worker metrics to {@code metrics}. */
  public static TemporalConnection open(TemporalSettings settings, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
        .setTarget(settings.address())
        .setRpcTimeout(Duration.ofSeconds(10));
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    if (settings.tls()) {
      options.setSslContext(sslContext(settings));
    }
    if (!settings.apiKey().isEmpty()) {
      String key = settings.apiKey();
      options.addApiKey(() -> key);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace(settings.namespace())
        .setDataConverter(dataConverter(settings))
        .build());
    return new TemporalConnection(settings, stubs, client);
  }

  /**
   * The SDK's default converters with JSON errors explained ({@link ExplainingJsonConverter}),
   * wrapped in AES-GCM encryption when a codec key is configured. Encryption covers failures too:
   * their messages and stack traces name hosts, paths and commands, so they are encoded like any
   * payload (the server keeps "Encoded failure" in their place).
   */
  public static DataConverter dataConverter(TemporalSettings settings) {
    DataConverter json = DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new ExplainingJsonConverter());
    if (!settings.encryptsPayloads()) {
      if (!settings.codecOldKeyFiles().isEmpty()) {
        throw new IllegalArgumentException(TemporalSettings.OLD_KEY_FILES + " is set but no active key: set"
            + " RUNBOOK_CODEC_KEY_FILE (or RUNBOOK_CODEC_KEY) and RUNBOOK_CODEC_KEY_ID to the key that encrypts");
      }
      return json;
    }
    return new CodecDataConverter(json, List.of(PayloadEncryption.from(settings)), true);
  }

  public TemporalSettings settings() {
    return settings;
  }

  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }

  private static SslContext sslContext(TemporalSettings settings) {
    try {
      SimpleSslContextBuilder builder;
      if (settings.mtls()) {
        if (settings.tlsKeyFile().isEmpty()) {
          throw new IllegalArgumentException("TEMPORAL_TLS_CERT is set but TEMPORAL_TLS_KEY is not: mTLS needs both");
        }
        try (InputStream cert = TemporalSettings.open(settings.tlsCertFile(), "TEMPORAL_TLS_CERT");
            InputStream key = TemporalSettings.open(settings.tlsKeyFile(), "TEMPORAL_TLS_KEY")) {
          builder = SimpleSslContextBuilder.forPKCS8(cert, key);
          return withTrust(builder, settings).build();
        }
      }
      return withTrust(SimpleSslContextBuilder.noKeyOrCertChain(), settings).build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("TLS settings for Temporal are invalid: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read TLS files: " + e.getMessage(), e);
    }
  }

  private static SimpleSslContextBuilder withTrust(SimpleSslContextBuilder builder, TemporalSettings settings) {
    return settings.tlsCaFile().isEmpty() ? builder : builder.setTrustManager(trustManagerFor(settings.tlsCaFile()));
  }

  /** Trusts exactly the certificates of a PEM bundle (a private CA in front of a self-hosted cluster). */
  private static TrustManager trustManagerFor(String caFile) {
    try (InputStream ca = TemporalSettings.open(caFile, "TEMPORAL_TLS_CA")) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(ca)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TEMPORAL_TLS_CA " + caFile + " is not a PEM CA bundle: " + e.getMessage(), e);
    }
  }
}
