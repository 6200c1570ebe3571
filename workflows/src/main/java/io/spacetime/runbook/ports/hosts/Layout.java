package io.spacetime.runbook.ports.hosts;

/**
 * The runbook's directory layout under the deploy root ({@code /opt/spacetime}): {@code staging/}
 * holds the release to deploy, {@code production} is a symlink to {@code production-<version>},
 * {@code backups/} receives archives and config copies, and the config source is copied into the
 * release as {@code .env} (Step 4). {@code history} is the host's release history: one line per move
 * of the production link (what served when, which run put it there, which run rolled it back).
 */
public record Layout(
    String deployRoot,
    String staging,
    String production,
    String backups,
    String configSource,
    String history) {

  public Layout {
    deployRoot = deployRoot == null ? "/opt/spacetime" : stripTrailingSlash(deployRoot);
    staging = staging == null ? "staging" : staging;
    production = production == null ? "production" : production;
    backups = backups == null ? "backups" : backups;
    configSource = configSource == null ? "config/production/.env" : configSource;
    history = history == null ? "release-history.tsv" : history;
  }

  public Layout(String deployRoot, String staging, String production, String backups, String configSource) {
    this(deployRoot, staging, production, backups, configSource, null);
  }

  public static Layout defaults() {
    return new Layout(null, null, null, null, null, null);
  }

  public Layout withDeployRoot(String root) {
    return new Layout(root, staging, production, backups, configSource, history);
  }

  public String historyPath() {
    return resolve(history);
  }

  public String stagingPath() {
    return resolve(staging);
  }

  public String productionLink() {
    return resolve(production);
  }

  public String backupsPath() {
    return resolve(backups);
  }

  public String configSourcePath() {
    return resolve(configSource);
  }

  /** Directory name of a release: {@code production-v2.5.0}. */
  public String releaseDirName(String version) {
    return production + "-" + version;
  }

  public String releasePath(String version) {
    return resolve(releaseDirName(version));
  }

  public String resolve(String relative) {
    return relative.startsWith("/") ? relative : deployRoot + "/" + relative;
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
