package io.spacetime.runbook.sandbox.hosts;

import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.nio.file.Path;

/**
 * One host of the sandbox: its name in the environment file ({@code host-1}), its own loopback
 * address (SSH on the sandbox's SSH port, the service on the runbook's ports), its root directory
 * (where {@code commands.log} is and where remote commands start) and its deploy root, the
 * runbook's {@code /opt/spacetime} under that root. Every path it hands out is absolute.
 */
public record SandboxHost(String name, String address, Path root, Path deployRoot) {

  /** {@code <root>/opt/spacetime}: the runbook's layout, below the host's own root. */
  public static SandboxHost at(String name, String address, Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    return new SandboxHost(name, address, absolute, absolute.resolve("opt/spacetime"));
  }

  public Path stagingDir() {
    return deployRoot.resolve("staging");
  }

  /** The {@code production} symlink; it points to {@code production-<version>}. */
  public Path productionLink() {
    return deployRoot.resolve("production");
  }

  public Path releaseDir(String version) {
    return deployRoot.resolve("production-" + version);
  }

  public Path serviceScript() {
    return deployRoot.resolve("bin/spacetime-service");
  }

  public Path serviceLog() {
    return deployRoot.resolve("logs/service.log");
  }

  public Path backupsDir() {
    return deployRoot.resolve("backups");
  }

  /**
   * {@code <root>/tmp}: the host's own temp directory, where a real host has {@code /tmp}: beside its
   * {@code opt/spacetime}, so what lies there does not count against the deploy root, and never the
   * machine's {@code /tmp}.
   */
  public Path tempDir() {
    return root.resolve("tmp");
  }

  /** {@code <deployRoot>/run/conditions}: where the running service takes up runtime conditions. */
  public Path controlDir() {
    return deployRoot.resolve("run/conditions");
  }

  /** {@code <deployRoot>/run/godot-restart.timer}: the scheduled restart, once one is installed. */
  public Path restartTimer() {
    return deployRoot.resolve("run/godot-restart.timer");
  }

  /**
   * {@code <root>/conditions}: the sandbox's record of the conditions it induced here (what to undo),
   * outside the deploy root, so the engine's disk and file checks never see it.
   */
  public Path conditionsDir() {
    return root.resolve("conditions");
  }

  /** Every command the host's SSH server received, one line each (see {@link CommandLog}). */
  public Path commandsLog() {
    return root.resolve(CommandLog.FILE_NAME);
  }

  /** {@code http://127.0.0.2:8080}: the production service's API. */
  public String apiBaseUrl() {
    return "http://" + address + ":" + ServiceConfig.PRODUCTION.apiPort();
  }

  /** {@code http://127.0.0.2:18080}: the staging instance's API. */
  public String stagingBaseUrl() {
    return "http://" + address + ":" + ServiceConfig.STAGING.apiPort();
  }
}
