package io.spacetime.runbook.deployment;

import io.spacetime.runbook.core.ActivityStubs;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.Undo;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.Layout;
import io.spacetime.runbook.hosts.HostTarget;
import io.spacetime.runbook.notify.TeamNotifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One deployment run as its phases share it: what was asked, the environment it runs against, the
 * procedure that records it, and what it learned on the way (each host's previous version).
 */
final class Deployment {

  private static final int MAX_ID_LENGTH = 100;

  private final DeploymentRequest request;
  private final Environment env;
  private final Procedure procedure;
  private final ActivityStubs stubs;
  private final TeamNotifier team;
  private final String backupId;
  private final Map<String, String> previousVersions = new LinkedHashMap<>();

  Deployment(DeploymentRequest request, Environment env, Procedure procedure, ActivityStubs stubs, String backupId) {
    this.request = request;
    this.env = env;
    this.procedure = procedure;
    this.stubs = stubs;
    this.team = new TeamNotifier(env, stubs);
    this.backupId = backupId;
  }

  /**
   * The 3.1 backup's id: the workflow id (made safe for a file name) and the start of the run id,
   * so a retried activity finds its own backup and another run never overwrites it.
   */
  static String backupId(String workflowId, String runId) {
    String safe = workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.substring(0, Math.min(safe.length(), MAX_ID_LENGTH)) + "-" + runId.substring(0, Math.min(8, runId.length()));
  }

  DeploymentRequest request() {
    return request;
  }

  String version() {
    return request.version();
  }

  Environment env() {
    return env;
  }

  Procedure procedure() {
    return procedure;
  }

  ActivityStubs stubs() {
    return stubs;
  }

  TeamNotifier team() {
    return team;
  }

  String backupId() {
    return backupId;
  }

  /** What each host served before this run changed it, in host order. */
  Map<String, String> previousVersions() {
    return previousVersions;
  }

  List<Host> hosts() {
    return env.hosts();
  }

  /** The host {@code staging.host} names, or the first host; empty when the name is no host's. */
  Optional<Host> stagingHost() {
    String name = env.staging().host().isEmpty() ? env.hosts().get(0).name() : env.staging().host();
    return env.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  HostTarget target(Host host) {
    return env.target(host);
  }

  Layout layout(Host host) {
    return env.layoutOn(host);
  }

  /** {@code production-v2.5.0}: where this release goes on every host. */
  String releaseDir() {
    return env.layout().releaseDirName(version());
  }

  /** Runs {@code step} on every host in order, beginning it on each. */
  void eachHost(Step step, Consumer<Host> body) {
    for (Host host : env.hosts()) {
      procedure.begin(step, host.name());
      body.accept(host);
    }
  }

  /**
   * A runbook Rollback Point for {@code host}: from now on a failure or a cancel runs {@code undo},
   * whose activities are summarised in the Web UI as "Rollback: description".
   */
  void rollbackPoint(Step step, Host host, String description, Undo undo) {
    procedure.rollbackPoint(step, host == null ? "" : host.name(), description, undo);
  }

  /** Stubs for an undo action, summarised as the rollback action they serve. */
  ActivityStubs undoStubs(String description) {
    return ActivityStubs.summarised("Rollback: " + description);
  }

  /** "Deployment v2.5.0 to production", for notices and lock descriptions. */
  String title() {
    return "Deployment " + version() + " to " + env.name();
  }
}
