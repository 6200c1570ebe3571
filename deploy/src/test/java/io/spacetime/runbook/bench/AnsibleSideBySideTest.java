package io.spacetime.runbook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spacetime.runbook.adapters.environment.EnvironmentLoader;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's Ansible column against a real sandbox host: the playbooks it writes run the command
 * in the host's directory with both modules, host keys are checked, and without Ansible the
 * figures say why they are missing. Speed is the bench's, never asserted here.
 */
class AnsibleSideBySideTest {

  /** The project's venv, where .ci/run installs ansible-core (tests run in deploy/). */
  static final Path VENV = Path.of("").toAbsolutePath().getParent().resolve(".venv");
  static final int SUBNET = 131;

  static Sandbox sandbox;
  static HostTarget target;

  @TempDir Path dir;

  @BeforeAll
  static void startHost(@TempDir Path root) throws Exception {
    Path environments = root.resolve("environments");
    sandbox = Sandbox.builder().root(root.resolve("sandbox")).environmentsDir(environments).environmentName("ansible")
        .hosts(1).openssh(Files.isExecutable(Path.of("/usr/sbin/sshd"))).subnet(SUBNET).start();
    Environment env = new EnvironmentLoader(List.of(environments)).load("ansible");
    target = env.target(env.hosts().get(0));
  }

  @AfterAll
  static void stopHost() {
    sandbox.close();
  }

  @Test
  void bothPlaybooksRunTheCommandInTheHostsDirectory() throws Exception {
    AnsibleSideBySide ansible = ansible();
    Path directory = sandbox.hosts().get(0).root();

    for (AnsibleSideBySide.Module module : AnsibleSideBySide.Module.values()) {
      Path marker = directory.resolve("ran-" + module.word);
      Path playbook = ansible.playbook(target, directory.toString(), "touch ran-" + module.word, 2, module);

      ansible.time(playbook);

      assertThat(marker).as(module.word + " ran in the host's directory").exists();
      assertThat(Files.readString(playbook)).contains(module == AnsibleSideBySide.Module.COMMAND
          ? "ansible.builtin.command:" : "ansible.builtin.raw:");
    }
    assertThat(ansible.version()).startsWith("ansible-core 2.19.");
  }

  @Test
  void aHostWhoseKeyIsNotKnownIsRefusedAsTheEngineRefusesIt() throws Exception {
    AnsibleSideBySide ansible = ansible();
    Path emptyKnownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    HostTarget unknown = new HostTarget(target.name(), target.address(), target.sshPort(), target.serviceAddress(),
        target.user(), target.keyFile(), emptyKnownHosts.toString(), target.connectTimeoutSeconds(),
        target.commandTimeoutSeconds(), target.transferTimeoutSeconds(), target.connectionIdleTimeoutSeconds(),
        target.connectionMaxLifetimeSeconds(), target.maxSessions());
    Path playbook = ansible.playbook(unknown, sandbox.hosts().get(0).root().toString(), "true", 1,
        AnsibleSideBySide.Module.RAW);

    assertThatThrownBy(() -> ansible.time(playbook)).hasMessageContaining("failed");
  }

  @Test
  void withoutAnsibleOrPipBothFiguresAreNotMeasuredAndSayWhy() {
    AnsibleSideBySide.Found found = AnsibleSideBySide.find(dir.resolve("no-venv"), dir, new PrintWriter(new StringWriter()),
        dir.toString());

    List<BenchFigure> figures = AnsibleSideBySide.figures(found, target, "/tmp", 20, 1, 300.0);

    assertThat(figures).extracting(BenchFigure::name).containsExactly("20 commands: Ansible command / engine",
        "20 commands: Ansible raw / engine");
    assertThat(figures).allSatisfy(f -> {
      assertThat(f.value()).isNull();
      assertThat(f.result()).isEqualTo(BenchFigure.Result.MISS);
      assertThat(f.detail()).contains("no ansible-playbook on PATH or in " + dir.resolve("no-venv"));
    });
    assertThat(figures.get(0).goalText()).isEqualTo(">= 20");
    assertThat(figures.get(1).goalText()).isEqualTo("> 1");
  }

  private AnsibleSideBySide ansible() {
    AnsibleSideBySide.Found found = AnsibleSideBySide.find(VENV, dir.resolve("ansible"), new PrintWriter(new StringWriter()), "");
    assertThat(found.whyNot()).isEmpty();
    return found.ansible().orElseThrow();
  }
}
