package io.spacetime.runbook.adapters.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: dnsmasq (Debian package {@code dnsmasq}) in the foreground on a free
 * loopback UDP port, answering only from the records given, with their TTL; any other name under
 * the test domain is NXDOMAIN.
 */
public final class Dnsmasq implements AutoCloseable {

  private final Process process;
  private final int port;

  private Dnsmasq(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @param domain answered locally: unknown names in it are NXDOMAIN
   * @param ttlSeconds the TTL of every record
   * @param records {@code --host-record} and {@code --cname} values, e.g. {@code "host-record=api.test,127.0.0.7"}
   */
  public static Dnsmasq start(String domain, int ttlSeconds, List<String> records) throws IOException, InterruptedException {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("dnsmasq", ".log");
    List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
        "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
        "--pid-file=", "--user=" + System.getProperty("user.name"), "--local=/" + domain + "/",
        "--local-ttl=" + ttlSeconds, "--log-facility=-", "--log-queries"));
    records.forEach(record -> command.add("--" + record));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Ready when it says it started (it binds before logging that), or failed to.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.readString(log).contains("started, version")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("dnsmasq did not start: " + Files.readString(log));
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    return new Dnsmasq(process, port);
  }

  /** {@code 127.0.0.1:port}, as {@code dns.resolver} takes it. */
  public String resolver() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
    process.destroyForcibly();
  }
}
