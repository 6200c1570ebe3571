package io.spacetime.runbook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import io.spacetime.runbook.e2e.DevServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that run the engine elsewhere: the systemd units (checked by systemd's own
 * {@code systemd-analyze verify}) and the Kubernetes manifests (checked offline by kubeconform
 * against the Kubernetes 1.34 schemas that .ci/run prepares from the kubernetes-validate package),
 * plus what no schema knows: grace periods that fit the worker's, probes on the worker's health
 * endpoints, secrets only as read-only files.
 */
class DeliveryFilesTest {

  static final String KUBERNETES_VERSION = "1.34.0";
  static final Path REPO = DevServer.repositoryRoot();
  static final Path SYSTEMD = REPO.resolve("deploy/systemd");
  static final Path KUBERNETES = REPO.resolve("deploy/kubernetes");
  static final Path KUBECONFORM = REPO.resolve(".tools/bin/kubeconform");
  static final Path SCHEMAS = REPO.resolve(".tools/kubernetes-schemas/v" + KUBERNETES_VERSION + "-standalone-strict");

  @TempDir Path dir;

  @Test
  void theSystemdUnitsPassSystemdAnalyzeVerify() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "skipped: no systemd-analyze here (Debian package 'systemd')");
    // verify checks that ExecStart's binary exists: the units name Debian's /usr/bin/java.
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")), "skipped: no /usr/bin/java, which the units run");
    Result verified = run(analyze.toString(), "verify", SYSTEMD.resolve("runbook-worker.service").toString(),
        SYSTEMD.resolve("runbook-intake.service").toString());
    assertThat(verified.output()).as("systemd-analyze verify says nothing about a correct unit").isEmpty();
    assertThat(verified.exit()).isZero();

    // The same check fails on a misspelt hardening option: the test would notice one.
    Path broken = dir.resolve("runbook-worker.service");
    Files.writeString(broken, Files.readString(SYSTEMD.resolve("runbook-worker.service"))
        .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));
    assertThat(run(analyze.toString(), "verify", broken.toString()).output()).contains("Unknown key 'NoNewPrivilege'");
  }

  @Test
  void theUnitsAreHardenedAndTakeTheirSecretsAsCredentials() throws IOException {
    String worker = Files.readString(SYSTEMD.resolve("runbook-worker.service"));
    String intake = Files.readString(SYSTEMD.resolve("runbook-intake.service"));
    for (String unit : List.of(worker, intake)) {
      assertThat(unit).contains("\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n", "\nDynamicUser=yes\n",
          "\nPrivateTmp=yes\n", "\nCapabilityBoundingSet=\n", "\nLoadCredential=codec-key:",
          "\nEnvironment=RUNBOOK_CODEC_KEY_FILE=%d/codec-key\n", "\nSuccessExitStatus=143\n");
    }
    assertThat(worker).contains("\nLoadCredential=ssh-key:", "\nLoadCredential=known-hosts:", "--metrics-port 9464");
    assertThat(intake).contains("\nLoadCredential=intake-tokens:", "--tokens-file %d/intake-tokens");
    // systemd's stop timeout covers the worker's own grace for running activities.
    assertThat(seconds(worker, "TimeoutStopSec=")).isGreaterThan(seconds(worker, "--shutdown-grace "));
  }

  @Test
  void theKubernetesManifestsValidateOfflineWithKubeconform() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!ci) {
      assumeTrue(Files.isExecutable(KUBECONFORM) && Files.isDirectory(SCHEMAS),
          "skipped: kubeconform or the schemas are missing (.ci/run installs them into .tools/)");
    }
    List<String> manifests = manifests().stream().map(Path::toString).toList();
    Result valid = kubeconform(manifests);
    assertThat(valid.output()).contains("Invalid: 0, Errors: 0");
    assertThat(valid.exit()).as(valid.output()).isZero();

    Path broken = dir.resolve("worker.yaml");
    Files.writeString(broken, Files.readString(KUBERNETES.resolve("worker.yaml")).replace("  replicas: 2", "  replica: 2"));
    Result invalid = kubeconform(List.of(broken.toString()));
    assertThat(invalid.output()).contains("additional properties 'replica' not allowed");
    assertThat(invalid.exit()).isEqualTo(1);
  }

  @Test
  void theWorkerDrainsWithinItsGracePeriodAndIsProbedOnItsHealthEndpoints() throws IOException {
    JsonNode worker = resources("worker.yaml").get(0);
    JsonNode pod = worker.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    List<String> args = new ArrayList<>();
    container.get("args").forEach(a -> args.add(a.asText()));
    int grace = Integer.parseInt(args.get(args.indexOf("--shutdown-grace") + 1));
    assertThat(pod.get("terminationGracePeriodSeconds").asInt()).isGreaterThan(grace);
    assertThat(args).contains("worker", "--metrics-bind", "0.0.0.0");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(
        Integer.parseInt(args.get(args.indexOf("--metrics-port") + 1)));
    assertThat(worker.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
    for (String name : List.of("worker.yaml", "intake.yaml")) {
      JsonNode c = resources(name).get(0).at("/spec/template/spec/containers/0");
      assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
      assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).as(name).isFalse();
      assertThat(c.toString()).as(name + ": secrets reach the pod as files, never as plain values")
          .doesNotContain("REPLACE");
    }
  }

  @Test
  void theKustomizationListsEveryManifest() throws IOException {
    JsonNode kustomization = resources("kustomization.yaml").get(0);
    List<String> listed = new ArrayList<>();
    kustomization.get("resources").forEach(r -> listed.add(r.asText()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(
        manifests().stream().map(p -> p.getFileName().toString()).toList());
  }

  private static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      return files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> resources(String file) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(KUBERNETES.resolve(file).toFile())) {
      return documents.readAll();
    }
  }

  private static int seconds(String unit, String key) {
    int at = unit.indexOf(key) + key.length();
    int end = at;
    while (end < unit.length() && Character.isDigit(unit.charAt(end))) {
      end++;
    }
    return Integer.parseInt(unit.substring(at, end));
  }

  private Result kubeconform(List<String> files) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECONFORM.toString(), "-strict", "-summary",
        "-kubernetes-version", KUBERNETES_VERSION, "-skip", "Kustomization",
        "-schema-location", SCHEMAS + "/{{ .ResourceKind }}{{ .KindSuffix }}.json"));
    command.addAll(files);
    return run(command.toArray(String[]::new));
  }

  record Result(int exit, String output) {}

  private static Result run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " still runs after 60 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
  }
}
