package io.spacetime.runbook.sandbox;

import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.conditions.HostConditions;
import io.spacetime.runbook.sandbox.conditions.InducedCondition;
import io.spacetime.runbook.sandbox.conditions.ReleaseBackups;
import io.spacetime.runbook.sandbox.hosts.CommandLog;
import io.spacetime.runbook.sandbox.hosts.EmbeddedSshHost;
import io.spacetime.runbook.sandbox.hosts.HostControl;
import io.spacetime.runbook.sandbox.hosts.HostLayout;
import io.spacetime.runbook.sandbox.hosts.HostSshServer;
import io.spacetime.runbook.sandbox.hosts.OpenSshHost;
import io.spacetime.runbook.sandbox.hosts.Poll;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.hosts.SandboxKeys;
import io.spacetime.runbook.sandbox.hosts.SandboxProcesses;
import io.spacetime.runbook.sandbox.hosts.ServiceScript;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.FileTrees;
import io.spacetime.runbook.sandbox.releases.NameRules;
import io.spacetime.runbook.sandbox.releases.ReleaseBuilder;
import io.spacetime.runbook.sandbox.standin.StandInClasspath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real target hosts on this machine, for the demo, the CLI and integration tests: each host has
 * its own loopback address {@code 127.0.<subnet>.<2+i>}, an SSH server on port 2222 (Apache MINA
 * SSHD in this JVM, or OpenSSH {@code sshd} with {@code openssh(true)}) and its own root
 * directory with the runbook's {@code /opt/spacetime} layout, where the stand-in SpaceTime
 * service runs.
 *
 * <p>When {@link Builder#start()} returns, every host accepts SSH logins with the sandbox's client
 * key (host keys verifiable against its known_hosts), serves the initial release with
 * {@code overall_ready: true}, has the next release in {@code staging/}, and the environment
 * file describing all this exists. {@link #close()} ends every process the sandbox started (the
 * services, production and staging, the SSH servers and every connection they serve); the files
 * stay unless {@link Builder#deleteOnClose(boolean)}. A JVM that
 * exits without closing the sandbox closes it on the way out (a shutdown hook).
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.builder().root(dir).hosts(3).subnet(77).start()) {
 *   sandbox.stageRelease("v2.6.0", Fault.NEVER_READY, FaultScope.PRODUCTION);
 *   // deploy with environment file sandbox.environmentFile() ...
 *   sandbox.induce(sandbox.host("host-1"), Condition.ERRORS);   // an incident, for real
 * }
 * </pre>
 *
 * <p>{@link #induce} gives a running host one of the incident runbook's {@link Condition}s,
 * {@link #conditionsHolding} measures which still hold, {@link #clear} undoes them.
 */
public final class Sandbox implements AutoCloseable {

  /** Every host's SSH port; hosts differ by address. */
  public static final int SSH_PORT = 2222;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private final Path root;
  private final String environmentName;
  private final Path environmentFile;
  private final boolean openssh;
  private final boolean deleteOnClose;
  private final List<SandboxHost> hosts;
  private final SandboxKeys keys;
  private final List<HostSshServer> sshServers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Path commandLogger;
  private final StatusClient statusClient = new StatusClient();
  private final ExecutorService perHost;
  /** Stops the hosts' processes if the JVM exits without {@link #close()}: they must not outlive it. */
  private final Thread closeOnExit = new Thread(this::close, "sandbox-close-on-exit");
  private boolean closed;

  private Sandbox(Builder options, Path root, Path environmentFile, List<SandboxHost> hosts, SandboxKeys keys) {
    this.root = root;
    this.environmentName = options.environmentName;
    this.environmentFile = environmentFile;
    this.openssh = options.openssh;
    this.deleteOnClose = options.deleteOnClose;
    this.hosts = List.copyOf(hosts);
    this.keys = keys;
    this.perHost = Executors.newFixedThreadPool(hosts.size(), runnable -> {
      Thread thread = new Thread(runnable, "sandbox-host");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The sandbox directory: keys, host roots, the manifest. */
  public Path root() {
    return root;
  }

  /** {@code <environmentsDir>/<name>.yaml}, the product's view of the sandbox. */
  public Path environmentFile() {
    return environmentFile;
  }

  public String environmentName() {
    return environmentName;
  }

  public boolean openssh() {
    return openssh;
  }

  public List<SandboxHost> hosts() {
    return hosts;
  }

  public SandboxHost host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the sandbox has no host named '" + name + "'"));
  }

  /** The private key every host accepts (OpenSSH format). */
  public Path clientKey() {
    return keys.clientKey();
  }

  /** known_hosts with every host's key as {@code [address]:2222 ssh-ed25519 ...}. */
  public Path knownHosts() {
    return keys.knownHosts();
  }

  /**
   * Writes a release into every host's {@code staging/}, replacing what was there.
   *
   * @throws IllegalArgumentException if {@code version} is not like {@code v2.5.0}; no host is touched then
   */
  public void stageRelease(String version, Fault fault, FaultScope scope) throws IOException {
    HostLayout.stage(ReleaseBuilder.release(version).fault(fault).scope(scope), hosts);
    log.info("Staged {} (fault {}, scope {}) on {} hosts", version, fault, scope, hosts.size());
  }

  /**
   * Writes a release into the {@code staging/} of {@code only} these hosts: a fault that shows on
   * some hosts of a fleet (one bad node, one bad zone), the others staged as they are.
   */
  public void stageRelease(String version, Fault fault, FaultScope scope, List<SandboxHost> only) throws IOException {
    HostLayout.stage(ReleaseBuilder.release(version).fault(fault).scope(scope), only);
    log.info("Staged {} (fault {}, scope {}) on {}", version, fault, scope, only.stream().map(SandboxHost::name).toList());
  }

  /** A healthy release into every host's {@code staging/}. */
  public void stageRelease(String version) throws IOException {
    stageRelease(version, Fault.NONE, FaultScope.PRODUCTION);
  }

  /**
   * Adds {@code production-<version>/} (with the production {@code .env}) on every host without
   * switching to it: an older release to roll back to, as a host that has been deployed before has.
   */
  public void addRelease(String version, Fault fault, FaultScope scope) throws IOException {
    ReleaseBuilder release = ReleaseBuilder.release(version).fault(fault).scope(scope);
    for (SandboxHost host : hosts) {
      HostLayout.installRelease(host, release);
    }
  }

  /** Every command {@code host}'s SSH server received since start (or the last clear), in order. */
  public List<String> commandLog(SandboxHost host) throws IOException {
    return CommandLog.read(host.commandsLog());
  }

  public void clearCommandLogs() throws IOException {
    for (SandboxHost host : hosts) {
      CommandLog.clear(host.commandsLog());
    }
  }

  /** The directory name the {@code production} link points to, e.g. {@code production-v2.4.0}. */
  public String currentRelease(SandboxHost host) throws IOException {
    return HostControl.currentRelease(host);
  }

  /** What {@code spacetime-service is-active} says. */
  public boolean serviceRunning(SandboxHost host) throws IOException, InterruptedException {
    return HostControl.serviceRunning(host);
  }

  /**
   * The release directory the host's running service was started from (its working directory),
   * e.g. {@code production-v2.4.0}; empty when the service is not running. What proves which
   * release, with its content, answers.
   */
  public String servingRelease(SandboxHost host) throws IOException {
    Optional<ProcessHandle> service = HostControl.serviceProcess(host);
    if (service.isEmpty()) {
      return "";
    }
    Path cwd = Path.of("/proc", String.valueOf(service.get().pid()), "cwd");
    return Files.readSymbolicLink(cwd).getFileName().toString();
  }

  /** One {@code GET /status} of the host's production service. */
  public ServiceStatus status(SandboxHost host) {
    return statusClient.get(host.apiBaseUrl());
  }

  /**
   * Induces {@code condition} on {@code host} with its defaults (see {@link ConditionOptions}) and
   * returns once it is in effect: the service holds it, or the files and processes are as it says.
   *
   * @throws IllegalStateException when the host cannot have it now (the service is not running for
   *     a runtime condition or a crash; the condition already holds)
   */
  public InducedCondition induce(SandboxHost host, Condition condition) throws IOException, InterruptedException {
    return induce(host, condition, ConditionOptions.defaults());
  }

  /**
   * {@link #induce(SandboxHost, Condition)} with options, e.g. {@code ConditionOptions.newBuilder()
   * .ratePercent(20).lasting(Duration.ofSeconds(30)).build()}.
   *
   * @throws IllegalArgumentException when an option does not apply to the condition
   */
  public InducedCondition induce(SandboxHost host, Condition condition, ConditionOptions options)
      throws IOException, InterruptedException {
    InducedCondition induced = HostConditions.induce(host, condition, options);
    log.info("{}", induced.summary());
    return induced;
  }

  /** Undoes every condition on {@code host}; returns once its service is running and ready. */
  public void clear(SandboxHost host) throws IOException, InterruptedException {
    clear(host, null);
  }

  /**
   * Undoes {@code condition} on {@code host} (null: every one), whether or not it still holds; a
   * {@code crash} or {@code port-conflict} is undone by starting the service, and this returns once
   * it is ready.
   */
  public void clear(SandboxHost host, Condition condition) throws IOException, InterruptedException {
    HostConditions.Cleared cleared = HostConditions.clear(host, condition);
    if (cleared.startedService()) {
      awaitReady(host);
    }
    log.info("{}: cleared {}", host.name(), cleared.undone().isEmpty() ? "nothing (none held)" : cleared.undone());
  }

  /**
   * The conditions that hold on {@code host} now, measured: a runtime condition the service still
   * holds, a file still missing, a foreign process still on the port. What a test checks after the
   * incident workflow's fix.
   */
  public Set<Condition> conditionsHolding(SandboxHost host) throws IOException {
    return HostConditions.holding(host);
  }

  /**
   * Archives the served release into {@code backups/production_YYYYMMDD_HHMMSS.tar.gz}, in the
   * layout of the deployment's 3.1 backup (top directory {@code production-<version>/}): a source for
   * Incident 5's restore on a host no deployment has backed up yet.
   */
  public Path backUpServedRelease(SandboxHost host) throws IOException, InterruptedException {
    return ReleaseBackups.archiveServedRelease(host);
  }

  /** The runbook's "restart service": stop, start, and return once the service is ready. */
  public void restartService(SandboxHost host) throws IOException, InterruptedException {
    HostControl.requireServiceScript(host, "stop");
    HostControl.requireServiceScript(host, "start");
    awaitReady(host);
  }

  /**
   * Stops every host's service and staging instance, then the SSH servers with every connection
   * they still serve, then anything else of the sandbox that still runs (a stand-in the service
   * script lost track of). When it returns, no process of the sandbox runs and no client holds a
   * connection to one of its hosts. Never throws: what could not be stopped is logged. Deletes the
   * sandbox directory and environment file if the builder said so.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(closeOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: this is the hook running.
    }
    try {
      forEachHost(host -> {
        HostControl.requireServiceScript(host, "stop");
        HostControl.requireServiceScript(host, "staging-stop");
      }, "stop").forEach(log::warn);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while stopping the services of {}; some may still run", root);
    }
    sshServers.forEach(HostSshServer::close);
    perHost.shutdownNow();
    SandboxProcesses.endLeftovers(root);
    if (deleteOnClose) {
      try {
        FileTrees.delete(root);
        Files.deleteIfExists(environmentFile());
      } catch (IOException e) {
        log.warn("Could not delete the sandbox {}: {}", root, e.getMessage());
      }
    }
    log.info("Sandbox {} stopped", root);
  }

  private void startUp() throws IOException, InterruptedException {
    long started = System.nanoTime();
    // The services need no SSH: launching them first lets their JVMs boot while the SSH servers start.
    requireAll(forEachHost(host -> HostControl.requireServiceScript(host, "start"), "start"));
    commandLogger = openssh ? OpenSshHost.writeCommandLogger(root.resolve("bin")) : null;
    for (SandboxHost host : hosts) {
      sshServers.add(startSshServer(host));
    }
    requireAll(forEachHost(this::awaitReady, "start"));
    SandboxEnvironmentFile.write(environmentFile(), environmentName, hosts, openssh, keys,
        System.getProperty("user.name"));
    new SandboxManifest(environmentName, environmentFile(), openssh, hosts).write(root);
    log.info("Sandbox up: {} hosts ({}) in {} ms; environment file {}", hosts.size(),
        openssh ? "OpenSSH" : "embedded MINA SSHD", (System.nanoTime() - started) / 1_000_000,
        environmentFile());
  }

  private HostSshServer startSshServer(SandboxHost host) throws IOException, InterruptedException {
    return openssh
        ? OpenSshHost.start(host, SSH_PORT, keys.hostKey(host), keys.authorizedKeys(), commandLogger,
            root.resolve("sshd").resolve(host.name()))
        : EmbeddedSshHost.start(host, SSH_PORT, keys.hostKey(host), keys.authorizedKeys());
  }

  /**
   * Takes the host's SSH server down, open connections included: from now on the host refuses
   * SSH (connection refused) while its service keeps running. A host briefly unreachable, for
   * tests of what a run does then.
   */
  public synchronized void stopSsh(SandboxHost host) {
    sshServers.stream().filter(s -> s.host().equals(host)).toList().forEach(server -> {
      server.close();
      sshServers.remove(server);
    });
  }

  /** Brings the host's SSH server back, with the same address, port and host key. */
  public synchronized void startSsh(SandboxHost host) throws IOException, InterruptedException {
    if (sshServers.stream().noneMatch(s -> s.host().equals(host))) {
      sshServers.add(startSshServer(host));
    }
  }

  private static void requireAll(List<String> failures) throws IOException {
    if (!failures.isEmpty()) {
      throw new IOException(String.join("\n", failures));
    }
  }

  /**
   * Until the service is ready, or has exited (a taken port, a broken release): then there is
   * nothing to wait for, so liveness is checked before each request.
   */
  private void awaitReady(SandboxHost host) throws IOException, InterruptedException {
    AtomicReference<ServiceStatus> last = new AtomicReference<>(
        new ServiceStatus(host.apiBaseUrl() + "/status", 0, false, "", "", "not asked yet"));
    Poll.until(READY_TIMEOUT, Poll.INTERVAL, () -> {
      if (HostControl.serviceProcess(host).isEmpty()) {
        return true;
      }
      last.set(statusClient.get(host.apiBaseUrl()));
      return last.get().overallReady();
    }, settled -> settled);
    if (!last.get().overallReady()) {
      String why = HostControl.serviceProcess(host).isEmpty() ? "exited"
          : "did not report overall_ready within " + READY_TIMEOUT.toSeconds() + " s";
      throw new IOException("the service " + why + " (last answer: " + last.get().summary() + "); "
          + host.serviceLog() + " ends with:\n" + Poll.tail(host.serviceLog(), 15));
    }
  }

  private interface HostTask {
    void run(SandboxHost host) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code task} on every host at once (the service JVMs start in parallel) and waits for
   * all of them; returns one message per host that failed.
   */
  private List<String> forEachHost(HostTask task, String what) throws InterruptedException {
    List<Future<?>> results = new ArrayList<>();
    for (SandboxHost host : hosts) {
      Callable<Void> call = () -> {
        task.run(host);
        return null;
      };
      results.add(perHost.submit(call));
    }
    List<String> failures = new ArrayList<>();
    try {
      for (int i = 0; i < results.size(); i++) {
        try {
          results.get(i).get();
        } catch (ExecutionException e) {
          failures.add(hosts.get(i).name() + ": " + what + " failed: " + e.getCause().getMessage());
        }
      }
    } finally {
      results.forEach(f -> f.cancel(true));
    }
    return failures;
  }

  /**
   * Options of a sandbox; {@link #start()} validates them. Defaults: 3 hosts on subnet 0
   * ({@code 127.0.0.2...}), embedded SSH, production {@code v2.4.0}, {@code v2.5.0} staged,
   * environment {@code sandbox} in {@code <root>/environments}.
   */
  public static final class Builder {
    private Path root;
    private int hostCount = 3;
    private boolean openssh;
    private int subnet;
    private String initialVersion = "v2.4.0";
    private String stagedVersion = "v2.5.0";
    private Path environmentsDir;
    private String environmentName = "sandbox";
    private boolean deleteOnClose;

    private Builder() {}

    /** The sandbox directory (required). */
    public Builder root(Path value) {
      this.root = value;
      return this;
    }

    public Builder hosts(int value) {
      this.hostCount = value;
      return this;
    }

    /** Real OpenSSH {@code sshd} per host instead of embedded MINA SSHD (needs openssh-server). */
    public Builder openssh(boolean value) {
      this.openssh = value;
      return this;
    }

    /**
     * The third octet of the hosts' addresses: {@code 127.0.<subnet>.2, .3, ...}. The CLI uses 0;
     * tests pick their own so they never collide with a running CLI sandbox or with each other.
     */
    public Builder subnet(int thirdOctet) {
      this.subnet = thirdOctet;
      return this;
    }

    /** The release every host serves at start ({@code production-<version>}). */
    public Builder initialVersion(String value) {
      this.initialVersion = value;
      return this;
    }

    /** The healthy release put in every host's {@code staging/} at start: the next one to deploy. */
    public Builder stagedVersion(String value) {
      this.stagedVersion = value;
      return this;
    }

    /** Where the environment file goes; {@code <root>/environments} by default. */
    public Builder environmentsDir(Path value) {
      this.environmentsDir = value;
      return this;
    }

    public Builder environmentName(String value) {
      this.environmentName = value;
      return this;
    }

    /** Delete the sandbox directory and the environment file on {@link Sandbox#close()} (tests). */
    public Builder deleteOnClose(boolean value) {
      this.deleteOnClose = value;
      return this;
    }

    /**
     * Creates (or reuses) the hosts' directories and keys, starts the SSH servers and the services,
     * waits until every service is ready, and writes the environment file. On failure, stops
     * whatever it had started and throws with the reason and where to look.
     *
     * @throws IllegalArgumentException naming every invalid option, before anything is written
     */
    public Sandbox start() throws IOException, InterruptedException {
      validate();
      Path absoluteRoot = root.toAbsolutePath().normalize();
      Path environmentFile = (environmentsDir == null ? absoluteRoot.resolve("environments") : environmentsDir)
          .toAbsolutePath().normalize().resolve(environmentName + ".yaml");
      if (openssh) {
        OpenSshHost.requireInstalled();
      }
      List<SandboxHost> hosts = new ArrayList<>();
      for (int i = 1; i <= hostCount; i++) {
        hosts.add(SandboxHost.at("host-" + i, "127.0." + subnet + "." + (i + 1),
            absoluteRoot.resolve("hosts").resolve("host-" + i)));
      }
      SandboxKeys keys = SandboxKeys.prepare(absoluteRoot.resolve("keys"), hosts, SSH_PORT);
      String java = ServiceScript.currentJava();
      String classpath = StandInClasspath.resolve();
      ReleaseBuilder initial = ReleaseBuilder.release(initialVersion);
      ReleaseBuilder staged = ReleaseBuilder.release(stagedVersion);
      for (SandboxHost host : hosts) {
        HostLayout.prepare(host, initial, staged, java, classpath);
      }
      Sandbox sandbox = new Sandbox(this, absoluteRoot, environmentFile, hosts, keys);
      Runtime.getRuntime().addShutdownHook(sandbox.closeOnExit);
      try {
        sandbox.startUp();
        return sandbox;
      } catch (IOException | InterruptedException | RuntimeException e) {
        sandbox.close();
        throw e;
      }
    }

    /** Every problem at once, so one attempt shows them all; versions and the name become paths. */
    private void validate() {
      List<String> problems = new ArrayList<>();
      if (root == null) {
        problems.add("root (the sandbox directory) is required");
      }
      if (hostCount < 1 || hostCount > 200) {
        problems.add("hosts must be between 1 and 200, not " + hostCount);
      }
      if (subnet < 0 || subnet > 255) {
        problems.add("subnet is the third octet of 127.0.X.Y: 0-255, not " + subnet);
      }
      NameRules.versionProblem("initialVersion", initialVersion).ifPresent(problems::add);
      NameRules.versionProblem("stagedVersion", stagedVersion).ifPresent(problems::add);
      NameRules.environmentProblem("environmentName", environmentName).ifPresent(problems::add);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("sandbox options is invalid: " + String.join("; ", problems));
      }
    }
  }
}
