package io.spacetime.runbook.adapters.testing;

import io.spacetime.runbook.ports.hosts.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deploy root as the runbook lays it out ({@code /opt/spacetime}): {@code staging/} with the
 * release to deploy, {@code production-v2.4.0/} served through the {@code production} link, the
 * environment's config source and an empty {@code backups/}.
 */
public final class DeployRoot {

  public static final String CONFIG_SOURCE = "API_PORT=8080\nTELEMETRY_PORT=8081\nDAP_PORT=6006\nLSP_PORT=6005\n"
      + "ADMIN_TOKEN=s3cret-never-printed\n";
  public static final String OLD_ENV = "API_PORT=9080\nTELEMETRY_PORT=9081\nDAP_PORT=7006\nLSP_PORT=7005\n";

  private final Path root;

  private DeployRoot(Path root) {
    this.root = root;
  }

  /** A new deploy root under {@code parent}: v2.4.0 in production, v2.5.0 in staging. */
  public static DeployRoot create(Path parent) throws IOException {
    DeployRoot d = new DeployRoot(Files.createDirectories(parent.resolve("opt/spacetime")));
    d.write("staging/VERSION", "v2.5.0\n");
    d.write("staging/project.godot", "[application]\nconfig/name=\"SpaceTime\"\n");
    d.write("staging/addons/godot_debug_connection/godot_bridge.gd", "extends Node\n");
    d.write("staging/.git/HEAD", "ref: refs/heads/main\n");
    d.write("production-v2.4.0/VERSION", "v2.4.0\n");
    d.write("production-v2.4.0/.env", OLD_ENV);
    d.write("production-v2.4.0/project.godot", "[application]\nconfig/name=\"SpaceTime 2.4\"\n");
    d.write("config/production/.env", CONFIG_SOURCE);
    Files.createDirectories(d.root.resolve("backups"));
    Files.createSymbolicLink(d.root.resolve("production"), Path.of("production-v2.4.0"));
    return d;
  }

  public Layout layout() {
    return Layout.defaults().withDeployRoot(root.toString());
  }

  public Path path(String relative) {
    return root.resolve(relative);
  }

  public void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  public String read(String relative) throws IOException {
    return Files.readString(root.resolve(relative));
  }

  /** Where a link points, as stored (relative names stay relative). */
  public String linkTarget(String relative) throws IOException {
    return Files.readSymbolicLink(root.resolve(relative)).toString();
  }
}
