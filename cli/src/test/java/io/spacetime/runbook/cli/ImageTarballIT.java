package io.spacetime.runbook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarball Jib built in this module's package phase ({@code ./runbook image}): what a
 * container runtime reads from it (entrypoint, user, ports, volumes, layers), that no sandbox,
 * stand-in, demo, bench or test class is in it, and that its entrypoint runs, as the unprivileged
 * user, on a read-only root with only the declared volumes writable (a chroot in a private mount
 * namespace: no container engine is needed, but root is).
 */
class ImageTarballIT {

  @TempDir static Path work;
  static Path image;
  static JsonNode config;
  static List<Path> layers = new ArrayList<>();
  static Path rootfs;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("image.tar", "target/runbook-image.tar"));
    assertThat(tarball).as("the image tarball (mvn package builds it)").exists();
    image = Files.createDirectories(work.resolve("image"));
    run(List.of("tar", "-xf", tarball.toString(), "-C", image.toString()));
    JsonNode manifest = new ObjectMapper().readTree(image.resolve("manifest.json").toFile()).get(0);
    config = new ObjectMapper().readTree(image.resolve(manifest.get("Config").asText()).toFile());
    rootfs = Files.createDirectories(work.resolve("rootfs"));
    for (JsonNode layer : manifest.get("Layers")) {
      layers.add(image.resolve(layer.asText()));
      run(List.of("tar", "-xzf", image.resolve(layer.asText()).toString(), "-C", rootfs.toString()));
    }
  }

  @Test
  void theEntrypointIsTheCliOnTheImagesOwnJavaRuntimeAsAnUnprivilegedUser() {
    JsonNode c = config.get("config");
    assertThat(c.get("Entrypoint").get(0).asText()).isEqualTo("/opt/java/bin/java");
    assertThat(c.get("Entrypoint").toString()).contains("@/app/jib-classpath-file").contains(RunbookCli.class.getName());
    assertThat(c.get("User").asText()).isEqualTo("10001:10001");
    assertThat(c.get("ExposedPorts").has("9464/tcp")).as("worker metrics and health").isTrue();
    assertThat(c.get("ExposedPorts").has("8089/tcp")).as("intake").isTrue();
    assertThat(c.get("Volumes").has("/tmp")).isTrue();
    assertThat(c.get("Volumes").has("/var/lib/runbook")).isTrue();
    assertThat(config.get("architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void thirdPartyJarsOurJarsAndTheRuntimeAreSeparateLayers() throws Exception {
    // A release that changes only our code replaces the small layers; nodes keep the big ones cached.
    assertThat(layers).hasSizeGreaterThanOrEqualTo(5);
    assertThat(Files.exists(rootfs.resolve("app/libs/runbook-worker-1.0.0-SNAPSHOT.jar"))).isTrue();
    assertThat(Files.exists(rootfs.resolve("app/libs/temporal-sdk-1.38.0.jar"))).isTrue();
    assertThat(Files.isExecutable(rootfs.resolve("opt/java/bin/java"))).isTrue();
    assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("runbook:x:10001:10001:");
  }

  @Test
  void noSandboxStandInDemoBenchOrTestCodeIsInTheImage() throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(rootfs.resolve("app"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = rootfs.relativize(file).toString();
        if (forbidden(name)) {
          found.add(name);
        }
        if (name.endsWith(".jar")) {
          try (JarFile jar = new JarFile(file.toFile())) {
            jar.stream().map(e -> name + "!" + e.getName()).filter(ImageTarballIT::forbidden).forEach(found::add);
          }
        }
      }
    }
    assertThat(found).as("sandbox, stand-in, demo, bench, deploy-module or test classes in the image").isEmpty();
    assertThat(rootfs.resolve("app/libs/runbook-sandbox-1.0.0-SNAPSHOT.jar")).doesNotExist();
    assertThat(rootfs.resolve("app/libs/runbook-deploy-1.0.0-SNAPSHOT.jar")).doesNotExist();
  }

  private static boolean forbidden(String name) {
    String lower = name.toLowerCase();
    return lower.contains("io/spacetime/runbook/sandbox/") || lower.contains("io/spacetime/runbook/demo/")
        || lower.contains("io/spacetime/runbook/bench/") || lower.contains("io/spacetime/runbook/devtools/")
        || lower.contains("standin") || lower.contains("stand-in") || lower.contains("runbook-sandbox")
        || lower.contains("runbook-deploy") || lower.contains("junit") || lower.contains("assertj")
        || lower.contains("archunit") || lower.contains("selenium")
        || (name.contains("io/spacetime/runbook/") && name.matches(".*(Test|IT|Testbed)(\\$[^/]*)?\\.class"));
  }

  @Test
  void theEntrypointRunsAsTheRunbookUserOnAReadOnlyRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "skipped: chroot and mount namespaces need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "skipped: no /usr/bin/unshare (util-linux)");
    String help = inImage("--help");
    assertThat(help).contains("worker").contains("intake").contains("deploy").contains("codec-server")
        .doesNotContain("sandbox").doesNotContain("demo").doesNotContain("bench");
    // The intake refuses to start without a token, naming where tokens come from: the whole
    // start-up path (settings, logging) ran on the read-only root.
    String intake = inImage("intake", "--address", "127.0.0.1:1");
    assertThat(intake).contains("RUNBOOK_INTAKE_TOKENS");
    assertThat(inImage("worker", "--help")).contains("--shutdown-grace").contains("--metrics-port");
  }

  /** The image's entrypoint with these arguments: uid 10001, root read-only, /tmp and the home on tmpfs. */
  private static String inImage(String... args) throws Exception {
    StringBuilder entry = new StringBuilder();
    for (JsonNode arg : config.get("config").get("Entrypoint")) {
      entry.append(' ').append(quote(arg.asText()));
    }
    for (String arg : args) {
      entry.append(' ').append(quote(arg));
    }
    String r = quote(rootfs.toString());
    Files.createDirectories(rootfs.resolve("proc"));
    String script = "set -e; mount --bind " + r + " " + r + "; mount -o remount,bind,ro " + r + ";"
        + " mount -t proc proc " + r + "/proc; mount -t tmpfs -o mode=1777 tmpfs " + r + "/tmp;"
        + " mount -t tmpfs -o mode=0777 tmpfs " + r + "/var/lib/runbook;"
        + " cd /; exec env -i RUNBOOK_HOME=/var/lib/runbook RUNBOOK_ENVIRONMENTS=/etc/runbook/environments"
        + " /usr/sbin/chroot --userspec=10001:10001 " + r + entry;
    return run(List.of("unshare", "--mount", "--pid", "--fork", "sh", "-c", script));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " still runs after 60 s");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
