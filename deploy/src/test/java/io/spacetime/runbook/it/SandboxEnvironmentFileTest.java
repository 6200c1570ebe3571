package io.spacetime.runbook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.adapters.environment.EnvironmentLoader;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment file a sandbox writes is one the engine accepts as it stands: loaded by the
 * product's own loader (unknown fields, floats for ints and duplicates fail; every field
 * validated), with the sandbox's hosts, keys and service commands in it. Tested here because the
 * sandbox depends on nothing of the engine.
 */
class SandboxEnvironmentFileTest {

  private static final int SUBNET = 85;

  @TempDir Path dir;

  @Test
  void environmentFileLoadsAsTheProductsEnvironment() throws Exception {
    Path environments = dir.resolve("environments");
    try (Sandbox sandbox = Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(environments)
        .hosts(2).subnet(SUBNET).start()) {
      SandboxHost first = sandbox.hosts().get(0);

      Environment environment = new EnvironmentLoader(List.of(environments)).load(sandbox.environmentName());

      assertEquals(sandbox.environmentFile(), environments.resolve(sandbox.environmentName() + ".yaml"));
      assertEquals(2, environment.hosts().size());
      assertEquals(first.address(), environment.hosts().get(0).address());
      assertEquals(Sandbox.SSH_PORT, environment.hosts().get(0).sshPort());
      assertEquals(first.deployRoot().toString(), environment.hosts().get(0).deployRoot());
      assertEquals(sandbox.clientKey().toString(), environment.ssh().keyFile());
      assertEquals(sandbox.knownHosts().toString(), environment.ssh().knownHosts());
      assertEquals(System.getProperty("user.name"), environment.ssh().user());
      assertEquals("{deployRoot}/bin/spacetime-service start", environment.service().start());
      assertEquals("tests/run_tests.sh " + first.stagingBaseUrl(), environment.staging().testCommand());
      assertFalse(environment.deploymentWindows().enforce());
      assertTrue(Path.of(environment.ssh().keyFile()).isAbsolute() && Files.isRegularFile(Path.of(environment.ssh().keyFile())));
      assertTrue(Path.of(environment.ssh().knownHosts()).isAbsolute());
    }
  }
}
