package io.spacetime.runbook.adapters.incident;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real process for the incident tests: a JVM child that listens on a port of 127.0.0.1 (as a
 * foreign program holding the service's port, or the service itself when started in a release
 * directory), optionally ignoring TERM or growing its resident memory. It prints its port once it
 * listens, so a test waits for that line, not for time to pass.
 */
final class Child implements AutoCloseable {

  private final Process process;
  private final int port;

  private Child(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Listens on a free port of 127.0.0.1, running in {@code cwd}. */
  static Child listening(Path cwd) throws IOException {
    return start(cwd, false, "listen");
  }

  /** Listens, and ignores TERM (inherited from its shell: an ignored signal stays ignored across exec). */
  static Child listeningDeafToTerm(Path cwd) throws IOException {
    return start(cwd, true, "listen");
  }

  /** Listens and keeps allocating memory it touches, so its RSS grows by about 25 MB a second up to 350 MB. */
  static Child listeningAndGrowing(Path cwd) throws IOException {
    return start(cwd, false, "grow");
  }

  /** Runs without listening anywhere. */
  static Child idle(Path cwd) throws IOException {
    return start(cwd, false, "idle");
  }

  int port() {
    return port;
  }

  int pid() {
    return (int) process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits up to 10 s for the process to end (its parent, this JVM, reaps it); true when it did. */
  boolean awaitExit() throws InterruptedException {
    return process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static Child start(Path cwd, boolean deafToTerm, String mode) throws IOException {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms8m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", testClasses(),
        Child.class.getName(), mode));
    List<String> command = new ArrayList<>();
    if (deafToTerm) {
      command.addAll(List.of("/bin/sh", "-c", "trap '' TERM; exec \"$@\"", "child"));
    }
    command.addAll(java);
    Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.matches("\\d+")) {
      process.destroyForcibly();
      throw new IOException("the child did not report a port: " + first);
    }
    return new Child(process, Integer.parseInt(first));
  }

  private static String testClasses() {
    try {
      return Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The child's side: {@code listen}, {@code grow} or {@code idle}. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    if (mode.equals("idle")) {
      System.out.println(0);
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
      return;
    }
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      System.out.println(socket.getLocalPort());
      System.out.flush();
      if (mode.equals("grow")) {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
          byte[] chunk = new byte[1024 * 1024];
          Arrays.fill(chunk, (byte) 1);
          kept.add(chunk);
          Thread.sleep(40);
        }
      }
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
  }
}
