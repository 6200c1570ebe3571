package io.spacetime.runbook.adapters.probes;

import io.spacetime.runbook.ports.hosts.CertificateInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Runbook 1.3 against a TLS endpoint: a handshake with the JVM's default trust store and HTTPS
 * host-name checks. The presented certificate is captured before the trust decision, so an
 * untrusted or mismatched certificate still reports its dates, with the reason in {@code error}.
 */
final class TlsProbe {

  private final Duration timeout;

  TlsProbe(Duration timeout) {
    this.timeout = timeout;
  }

  CertificateInfo certificate(String source, String host, int port) {
    AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Capturing(defaultTrust(), presented)}, null);
    } catch (GeneralSecurityException e) {
      return new CertificateInfo(source, "", 0, "cannot set up TLS on the worker: " + e.getMessage());
    }
    String error = "";
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (!host.matches("[0-9.]+|.*:.*")) {
        parameters.setServerNames(List.of(new SNIHostName(host)));
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
    } catch (IOException e) {
      error = presented.get() == null
          ? "TLS handshake with " + host + ":" + port + " failed: " + ProbeActivitiesImpl.describe(e, timeout)
          : "the certificate is not trusted by the worker (" + e.getMessage() + ")";
    }
    X509Certificate[] chain = presented.get();
    if (chain == null || chain.length == 0) {
      return new CertificateInfo(source, "", 0, error.isEmpty() ? "the server presented no certificate" : error);
    }
    X509Certificate leaf = chain[0];
    return new CertificateInfo(source, leaf.getSubjectX500Principal().getName(),
        leaf.getNotAfter().toInstant().getEpochSecond(), error);
  }

  private static X509TrustManager defaultTrust() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager in the JVM");
  }

  /** Remembers the server's chain, then lets the default trust manager decide. */
  private record Capturing(X509TrustManager delegate, AtomicReference<X509Certificate[]> presented)
      implements X509TrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      presented.set(chain);
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
