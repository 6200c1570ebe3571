package io.spacetime.runbook.sandbox.hosts;

import io.spacetime.runbook.sandbox.releases.ReleaseBuilder;
import io.spacetime.runbook.sandbox.standin.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Lays out a host's deploy root the way the runbook's hosts have it (and, beside it, the host's own
 * {@code tmp/}):
 * <pre>
 * opt/spacetime/
 *   staging/                       the release to deploy next
 *   production -> production-v2.4.0  (relative symlink)
 *   production-v2.4.0/             a release, with .env copied from config/production (Step 4)
 *   backups/  logs/  run/
 *   config/production/.env  config/staging/.env
 *   bin/spacetime-service          the service manager (see {@link ServiceScript})
 * </pre>
 * Releases are written only for a new host, so a restarted sandbox keeps what was deployed; the
 * config files and the service script are rewritten every time (the java path may have changed).
 */
public final class HostLayout {

  private HostLayout() {}

  /** The layout above for a new host; for a known one, the config files and the service script only. */
  public static void prepare(SandboxHost host, ReleaseBuilder initial, ReleaseBuilder staged, String javaBinary,
      String standInClasspath) throws IOException {
    Path root = host.deployRoot();
    for (String dir : new String[] {"backups", "logs", "run", "bin"}) {
      Files.createDirectories(root.resolve(dir));
    }
    Files.createDirectories(host.tempDir());
    ServiceConfig.PRODUCTION.write(root.resolve("config/production/.env"));
    ServiceConfig.STAGING.write(root.resolve("config/staging/.env"));
    ServiceScript.write(host, javaBinary, standInClasspath);
    if (!Files.exists(host.productionLink(), LinkOption.NOFOLLOW_LINKS)) {
      installRelease(host, initial);
      Files.createSymbolicLink(host.productionLink(), Path.of(host.releaseDir(initial.version()).getFileName().toString()));
      staged.writeTo(host.stagingDir());
    }
  }

  /** Writes {@code production-<version>/} with the production {@code .env}, as Steps 3 and 4 leave it. */
  public static void installRelease(SandboxHost host, ReleaseBuilder release) throws IOException {
    Path dir = release.writeTo(host.releaseDir(release.version()));
    Files.copy(host.deployRoot().resolve("config/production/.env"), dir.resolve(".env"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Writes the release into each host's {@code staging/}, replacing what was there: what
   * {@code deploy --version} takes next.
   */
  public static void stage(ReleaseBuilder release, List<SandboxHost> hosts) throws IOException {
    for (SandboxHost host : hosts) {
      release.writeTo(host.stagingDir());
    }
  }
}
