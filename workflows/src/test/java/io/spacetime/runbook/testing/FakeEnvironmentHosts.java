package io.spacetime.runbook.testing;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.EnvironmentActivities;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.lock.LockActivities;
import io.spacetime.runbook.lock.LockGrant;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.DnsRecordActivities;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.spacetime.runbook.ports.aws.SecurityGroupActivities;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.aws.SecurityGroupRule;
import io.spacetime.runbook.ports.dns.DnsActivities;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.ConfigInstall;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.LogScan;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseChange;
import io.spacetime.runbook.ports.hosts.ReleaseCopy;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ReleaseSwitch;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.ServiceActivities;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.hosts.ServiceState;
import io.spacetime.runbook.ports.hosts.ServiceUsage;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.spacetime.runbook.ports.metrics.MetricsActivities;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.LoadTestReport;
import io.spacetime.runbook.ports.probes.PortReachability;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.ResponseTimes;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.ports.probes.TelemetryProbe;
import io.spacetime.runbook.service.ReleaseDirs;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Every activity interface, answered from a small model of the sandbox's hosts ({@link FakeHost})
 * and its staging instance, with a journal of every call ("stopService api-1",
 * "switchRelease api-1 production-v2.4.0"). Stateful like the real thing: a switch moves the
 * production link, a start serves whatever the link points at, so an undo visibly restores.
 *
 * <p>Tests set knobs before the run starts; the worker's threads only read them afterwards.
 */
public final class FakeEnvironmentHosts implements EnvironmentActivities, LockActivities, HostChecks, ReleaseActivities,
    ServiceActivities, ProbeActivities, NotificationActivities, LoadBalancerActivities, DnsActivities,
    SecurityGroupActivities, DnsRecordActivities, MetricsActivities {

  /** Activities that change a host or what its users see. A run that aborts calls none of them. */
  public static final Set<String> CHANGES = Set.of("stopService", "copyRelease", "switchRelease", "restoreRelease",
      "installConfig", "restoreConfig", "startService", "register", "deregister", "setMaintenance", "setTtl");

  public final SandboxEnvironment environment = SandboxEnvironment.twoHosts();
  public final FakeStaging staging = new FakeStaging();
  /** Who holds the environment lock (null: nobody) and why. */
  public volatile String lockHolder;
  public volatile String lockDescription = "";
  /** The lock's liveness check: is this workflow still running? */
  public volatile Predicate<String> running = id -> true;
  /** What asking a run to stop does: the testbed sends it the abort signal. */
  public volatile BiConsumer<String, String> stopper;
  public volatile boolean notificationsFail;
  public volatile long endpointCertificateDaysLeft = 90;
  /**
   * What the n-th endpoint sample (1, 2, ...) shows on every host: {error rate in percent, p95 in
   * ms}; healthy unless a test says otherwise.
   */
  public volatile IntFunction<double[]> endpointHealth = n -> new double[] {0, 8};
  /** The same for the n-th pair of Prometheus queries: {share of 5xx 0..1 (NaN: no traffic), p95 in seconds}. */
  public volatile IntFunction<double[]> prometheusHealth = n -> new double[] {0, 0.008};
  /** The AWS fakes: what a registered target becomes, and what a deregistered one is left as. */
  public volatile String registeredState = "healthy";
  public volatile String deregisteredState = "unused";
  /** Each target's state at the load balancer preflight, by target id (default: healthy). */
  public final Map<String, String> preflightStates = new java.util.concurrent.ConcurrentHashMap<>();
  public volatile List<SecurityGroupRule> securityGroupRules = List.of(
      new SecurityGroupRule("sg-api", "api", "tcp", 6005, 8081, "10.0.0.0/8", "internal"));
  /** The Route 53 record: its TTL (setTtl changes it) and addresses. */
  public volatile long recordTtl = 300;
  public volatile List<String> recordValues = List.of("10.0.0.1", "10.0.0.2");
  /** Workflow time at the start of the test: certificates count their days from here. */
  volatile Instant now = RunbookTestbed.TUESDAY_MORNING;

  private final Map<String, FakeHost> hosts = new LinkedHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, int[]> transientFailures = new LinkedHashMap<>();
  private final Map<String, String> transientMessages = new LinkedHashMap<>();
  private final List<String> backupIds = new CopyOnWriteArrayList<>();
  private int endpointSamples;
  private int prometheusSamples;

  /** The fake of the host called {@code name}. */
  public synchronized FakeHost host(String name) {
    return hosts.computeIfAbsent(name, FakeHost::new);
  }

  /** Pauses the run at the first call starting with {@code call} until the test releases it. */
  public Checkpoint pauseAt(String call) {
    Checkpoint checkpoint = new Checkpoint(call, true);
    checkpoints.add(checkpoint);
    return checkpoint;
  }

  /** Lets the test wait for the first call starting with {@code call}, without holding the run. */
  public Checkpoint watchFor(String call) {
    Checkpoint checkpoint = new Checkpoint(call, false);
    checkpoints.add(checkpoint);
    return checkpoint;
  }

  /** Every call starting with {@code call} fails, non-retryable, with {@code message}. */
  public synchronized void failOn(String call, String message) {
    failures.put(call, message);
  }

  /**
   * The next {@code times} calls starting with {@code call} fail with a retryable failure (a host
   * briefly unreachable), then calls succeed again. Each activity attempt is one call.
   */
  public synchronized void failTimes(String call, int times, String message) {
    transientFailures.put(call, new int[] {times});
    transientMessages.put(call, message);
  }

  /** Every activity call so far, in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The calls that changed something ({@link #CHANGES}), in order. */
  public synchronized List<String> changes() {
    return calls.stream().filter(c -> CHANGES.contains(c.split(" ")[0])).toList();
  }

  /** The backup ids 3.1 used, in order. */
  public List<String> backupIds() {
    return List.copyOf(backupIds);
  }

  // EnvironmentActivities

  @Override
  public Environment load(String name) {
    record("load " + name);
    if (!name.equals(SandboxEnvironment.NAME)) {
      throw ApplicationFailure.newNonRetryableFailure("no environments/" + name + ".yaml", "UnknownEnvironment");
    }
    return environment.build();
  }

  // LockActivities

  @Override
  public synchronized LockGrant acquire(String env, String holderWorkflowId, String holderDescription) {
    record("lock acquire " + holderWorkflowId);
    if (lockHolder != null && !lockHolder.equals(holderWorkflowId)) {
      String type = lockDescription.startsWith("deployment") ? "DeploymentWorkflow"
          : lockDescription.startsWith("emergency rollback") ? "RollbackWorkflow" : "";
      return new LockGrant(false, env, lockHolder, lockDescription, type);
    }
    lockHolder = holderWorkflowId;
    lockDescription = holderDescription;
    return new LockGrant(true, env, holderWorkflowId, holderDescription);
  }

  @Override
  public synchronized void release(String env, String holderWorkflowId) {
    record("lock release " + holderWorkflowId);
    if (holderWorkflowId.equals(lockHolder)) {
      lockHolder = null;
    }
  }

  @Override
  public boolean askToStop(String workflowId, String reason) {
    record("askToStop " + workflowId);
    BiConsumer<String, String> stop = stopper;
    if (stop != null) {
      stop.accept(workflowId, reason);
    }
    return stop != null;
  }

  @Override
  public boolean isRunning(String workflowId) {
    record("isRunning " + workflowId);
    return running.test(workflowId);
  }

  // HostChecks

  @Override
  public ServerResources measureServerResources(HostContext context) {
    HostTarget target = context.target();
    String path = context.layout().deployRoot();
    FakeHost h = on(target, "measureServerResources");
    return new ServerResources(h.name, path, h.diskFreeGb, h.memoryAvailableGb, h.loadAverage, h.cores, h.writable,
        List.of(command(h, "df -Pk " + path, 0)), h.diskErrors, "");
  }

  @Override
  public NetworkReport inspectNetwork(HostContext context, NetworkSettings network) {
    FakeHost h = on(context.target(), "inspectNetwork");
    return new NetworkReport(h.name, h.firewallRules, "", network.internalHostname(),
        network.internalHostname().isEmpty() ? List.of() : h.internalAddresses,
        h.internalAddresses.isEmpty() ? "no such name (getent hosts exit 2)" : "",
        network.monitoringEndpoints().stream().map(e -> new NetworkReport.Latency(e, h.monitoringLatencyMs, "")).toList(),
        List.of(command(h, "iptables -S INPUT", 0)));
  }

  @Override
  public PortUsage inspectPorts(HostContext context) {
    HostTarget target = context.target();
    List<Integer> ports = context.ports();
    FakeHost h = on(target, "inspectPorts");
    return new PortUsage(h.name, ports.stream().map(port -> h.foreignListeners.containsKey(port)
        ? new PortUsage.PortHolder(port, true, h.foreignListeners.get(port), 4242)
        : h.serviceActive ? new PortUsage.PortHolder(port, true, "godot", 1234) : new PortUsage.PortHolder(port, false, "", 0))
        .toList(), List.of(command(h, "ss -ltnp", 0)));
  }

  @Override
  public CertificateInfo inspectCertificateFile(HostContext context, String certFile) {
    HostTarget target = context.target();
    FakeHost h = on(target, "inspectCertificateFile");
    return new CertificateInfo(certFile, "CN=spacetime-api", expiry(h.certificateDaysLeft), "");
  }

  @Override
  public StagedRelease inspectStagedRelease(HostContext context, List<String> requiredFiles) {
    FakeHost h = on(context.target(), "inspectStagedRelease");
    return new StagedRelease(h.name, true, h.stagedVersion, true, h.gitDescribe, "abc123d", h.gitClean, List.of(),
        h.missingFiles, h.unreadableFiles);
  }

  @Override
  public List<ToolVersion> inspectTools(HostContext context, List<ToolRequirement> tools) {
    HostTarget target = context.target();
    FakeHost h = on(target, "inspectTools");
    return tools.stream().map(t -> {
      String version = h.tools.get(t.name());
      return new ToolVersion(t.name(), version != null, version == null ? "" : version, t.minVersion(),
          command(h, t.command(), version == null ? 127 : 0));
    }).toList();
  }

  @Override
  public ReleaseState inspectRelease(HostContext context) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "inspectRelease");
    Map<String, String> versions = new LinkedHashMap<>();
    h.releaseDirs.forEach(dir -> versions.put(dir, versionOf(dir)));
    return new ReleaseState(h.name, h.productionLink, versionOf(h.productionLink), h.backupLink,
        List.copyOf(h.releaseDirs), List.of(), versions, List.copyOf(h.history));
  }

  @Override
  public CommandEvidence runConfiguredCommand(HostContext context, String directory, String command, int timeoutSeconds) {
    HostTarget target = context.target();
    FakeHost h = on(target, "runConfiguredCommand", command);
    return new CommandEvidence(h.name, command, staging.testsExitCode, "Passed: 5", staging.testsExitCode == 0 ? "" : "✗ 1 failed", 5);
  }

  // ReleaseActivities

  @Override
  public BackupArchive backupCurrentRelease(HostContext context, String backupId) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "backupCurrentRelease");
    backupIds.add(backupId);
    String archive = layout.backupsPath() + "/production_pre_deploy_" + backupId + ".tar.gz";
    return new BackupArchive(h.name, archive, 150_000_000, h.backupVerified ? 1234 : 0, h.backupVerified,
        h.hasConfig ? List.of(layout.backupsPath() + "/.env." + backupId) : List.of(), false, List.of(),
        h.hasConfig ? List.of() : List.of(".env"));
  }

  @Override
  public ReleaseCopy copyRelease(HostContext context, String version, String releaseDir) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "copyRelease", version);
    if (releaseDir.equals(h.productionLink) || releaseDir.equals(h.backupLink)) {
      throw ApplicationFailure.newNonRetryableFailure(releaseDir + " is in use", "ReleaseInUse");
    }
    h.releaseDirs.add(releaseDir);
    h.copiedInto.add(releaseDir);
    return new ReleaseCopy(h.name, releaseDir, 42, List.of());
  }

  @Override
  public ReleaseSwitch switchRelease(HostContext context, ReleaseChange change) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "switchRelease", change.toDir());
    return h.move(change, now);
  }

  @Override
  public ReleaseSwitch restoreRelease(HostContext context, ReleaseChange change) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "restoreRelease", change.toDir());
    return h.move(change, now);
  }

  @Override
  public ConfigInstall installConfig(HostContext context, String releaseDir) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "installConfig", releaseDir);
    return new ConfigInstall(h.name, layout.resolve(releaseDir) + "/.env", installedPorts(h), List.of(), h.envMode,
        h.autoloadSection);
  }

  @Override
  public ConfigInstall restoreConfig(HostContext context, String releaseDir, String backupId) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "restoreConfig", releaseDir);
    return new ConfigInstall(h.name, layout.resolve(releaseDir) + "/.env", installedPorts(h), List.of(), h.envMode,
        h.autoloadSection);
  }

  // ServiceActivities

  @Override
  public ServiceState stopService(HostContext context, int timeoutSeconds) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    FakeHost h = on(target, "stopService");
    h.serviceActive = false;
    return new ServiceState(h.name, false, List.of(), h.logSize, List.of(), false, "", "", 0, h.lingering);
  }

  @Override
  public ServiceUsage measureUsage(HostContext context, int sampleMillis) {
    FakeHost h = on(context.target(), "measureUsage");
    if (!h.serviceActive) {
      return new ServiceUsage(h.name, 0, 0, -1, -1, 0, "nothing listens on the API port", List.of());
    }
    FakeHost.ReleaseBehaviour release = h.running();
    return new ServiceUsage(h.name, 1234, release.restarts ? 1299 : 1234, release.cpuPercent, release.residentBytes,
        sampleMillis, "", List.of(command(h, "cat /proc/1234/stat", 0)));
  }

  @Override
  public ServiceState startService(HostContext context) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    FakeHost h = host(target.name());
    record("startService " + h.name + " " + h.productionLink);
    boolean skipped = h.serviceActive;
    if (!h.serviceActive) {
      h.runningDir = h.productionLink;
      h.serviceActive = h.running().starts;
      h.logSize += 1000;
    }
    return h.state(ports, skipped, layout);
  }

  @Override
  public ServiceState serviceState(HostContext context) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    List<Integer> ports = context.ports();
    FakeHost h = on(target, "serviceState");
    return h.state(ports, false, layout);
  }

  @Override
  public LogScan scanLog(HostContext context, long fromOffset, String pattern) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    ServiceCommands service = context.service();
    FakeHost h = on(target, "scanLog");
    FakeHost.ReleaseBehaviour release = h.running();
    int errors = ++release.scans >= release.errorsFromScan ? release.errorLogLines : 0;
    List<String> sample = errors == 0 ? List.of() : List.of("2025-12-02 10:41:07 ERROR [ResonanceEngine] subsystem crashed");
    return new LogScan(h.name, service.logFile(), fromOffset, errors, sample, command(h, "tail -c +" + fromOffset, 0));
  }

  @Override
  public CommandEvidence runServiceCommand(HostContext context, String command, int timeoutSeconds) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "runServiceCommand", command);
    return command(h, command, 0);
  }

  @Override
  public CommandEvidence startStaging(HostContext context, StagingSettings staging, int timeoutSeconds) {
    HostTarget target = context.target();
    Layout layout = context.layout();
    FakeHost h = on(target, "startStaging", staging.start());
    return command(h, staging.start(), 0);
  }

  // DnsActivities

  /** What the DNS server answers: the sandbox hosts' addresses with a 300 s TTL unless a test changes it. */
  public volatile DnsAnswer dnsAnswer;

  @Override
  public DnsAnswer lookup(String name, String resolver) {
    record("lookup " + name);
    DnsAnswer answer = dnsAnswer;
    return answer != null ? answer : new DnsAnswer(name, resolver, "NOERROR",
        environment.build().hosts().stream().map(host -> new DnsAnswer.Record(host.serviceAddress(), 300)).toList(),
        List.of(), "", 3);
  }

  // ProbeActivities

  @Override
  public StatusReport status(String statusUrl) {
    return statusOf(statusUrl, "status");
  }

  @Override
  public StatusReport awaitReady(String statusUrl, int timeoutSeconds) {
    return statusOf(statusUrl, "awaitReady");
  }

  @Override
  public HttpExchange post(String url, String jsonBody) {
    URI uri = URI.create(url);
    FakeHost h = at(uri);
    record("post " + h.name + " " + uri.getPath());
    if (isStaging(uri)) {
      return new HttpExchange("POST", url, 200, "{}", "", 3);
    }
    int status = uri.getPath().equals("/connect") ? h.running().connectStatus : h.running().sceneLoadStatus;
    return new HttpExchange("POST", url, status, status == 200 ? "{\"status\":\"success\"}" : "{\"error\":\"scene failed\"}", "", 3);
  }

  @Override
  public TelemetryProbe probeTelemetry(String url, int timeoutSeconds) {
    URI uri = URI.create(url);
    FakeHost h = at(uri);
    record("probeTelemetry " + h.name);
    String event = isStaging(uri) ? staging.telemetryFirstEvent : h.running().telemetryFirstEvent;
    return event.isEmpty()
        ? new TelemetryProbe(url, false, "", "connection refused", 2)
        : new TelemetryProbe(url, true, event, "", 2);
  }

  @Override
  public ResponseTimes sampleResponseTimes(String url, int count) {
    FakeHost h = at(URI.create(url));
    record("sampleResponseTimes " + h.name);
    double average = h.running().averageResponseMs;
    return new ResponseTimes(url, count, 0, average, average * 2);
  }

  @Override
  public LoadTestReport loadTest(String url, int users, int durationSeconds) {
    record("loadTest " + url);
    return new LoadTestReport(url, users, durationSeconds, 15_000, 30, staging.loadTestSuccessPercent,
        staging.loadTestAverageMs, staging.loadTestP95Ms, 250, 450, staging.loadTestTimeouts);
  }

  @Override
  public CertificateInfo endpointCertificate(String httpsUrl) {
    record("endpointCertificate " + httpsUrl);
    return new CertificateInfo(httpsUrl, "CN=spacetime-api.company.com", expiry(endpointCertificateDaysLeft), "");
  }

  @Override
  public PortReachability reachablePorts(String address, List<Integer> ports) {
    record("reachablePorts " + address);
    return new PortReachability(address, ports, List.of());
  }

  @Override
  public List<io.spacetime.runbook.ports.probes.EndpointSample> sampleEndpoints(
      List<io.spacetime.runbook.ports.probes.EndpointCheck> endpoints, int rounds, String bearerTokenEnv) {
    record("sampleEndpoints " + endpoints.size());
    double[] health;
    synchronized (this) {
      health = endpointHealth.apply(++endpointSamples);
    }
    // 1000 requests per endpoint, so any error rate a test names is exact.
    int requests = 1000;
    int errors = (int) Math.round(requests * health[0] / 100);
    return endpoints.stream().map(e -> new io.spacetime.runbook.ports.probes.EndpointSample(e.name(), e.url(), requests,
        Map.of(200, requests - errors, 500, errors), errors, 0, 0, health[1] / 2, health[1], health[1], "")).toList();
  }

  // MetricsActivities

  @Override
  public MetricReading instantQuery(String prometheusUrl, String query) {
    record("instantQuery " + query);
    boolean p95 = query.contains("histogram_quantile");
    double[] health;
    synchronized (this) {
      health = prometheusHealth.apply(p95 ? prometheusSamples : ++prometheusSamples);
    }
    return new MetricReading(query, true, p95 ? health[1] : health[0], Map.of(), 1, 3);
  }

  // NotificationActivities

  @Override
  public Delivery page(io.spacetime.runbook.ports.notify.PagingSettings settings, io.spacetime.runbook.ports.notify.Page page) {
    record("page " + page.action() + ": " + page.summary());
    return new Delivery(List.of("console"));
  }

  @Override
  public Delivery notify(NotificationSettings settings, Notice notice) {
    record("notify " + notice.severity() + ": " + notice.title());
    if (notificationsFail) {
      throw ApplicationFailure.newNonRetryableFailure("webhook answered 500", "NotificationFailed");
    }
    return new Delivery(List.of("console"));
  }

  @Override
  public HttpExchange setMaintenance(MaintenanceSettings settings, boolean enabled, String reason) {
    record("setMaintenance " + (enabled ? "on" : "off"));
    return new HttpExchange("POST", settings.url() + (enabled ? "/enable" : "/disable"), 200, "{}", "", 5);
  }

  // LoadBalancerActivities

  @Override
  public TargetRegistration register(LoadBalancerSettings settings, LoadBalancerTarget host) {
    record("register " + host.host());
    return settings.configured()
        ? new TargetRegistration(host.host(), host.targetId(), registeredState, "")
        : new TargetRegistration(host.host(), "", "not-configured", "no load balancer configured (loadBalancer.type: none)");
  }

  @Override
  public TargetRegistration deregister(LoadBalancerSettings settings, LoadBalancerTarget host) {
    record("deregister " + host.host());
    return new TargetRegistration(host.host(), host.targetId(), deregisteredState,
        "unused".equals(deregisteredState) ? TargetRegistration.NOT_REGISTERED : "");
  }

  @Override
  public TargetGroupReport preflight(LoadBalancerSettings settings, List<LoadBalancerTarget> targets) {
    record("preflight " + settings.targetGroupArn());
    return new TargetGroupReport(settings.targetGroupArn(), "api", "HTTP", 8080, "HTTP /status on traffic-port every 30 s",
        targets.stream().map(t -> new TargetRegistration(t.host(), t.targetId(),
            preflightStates.getOrDefault(t.targetId(), "healthy"), "")).toList(), 3);
  }

  // SecurityGroupActivities, DnsRecordActivities

  @Override
  public SecurityGroupReport describeSecurityGroups(AwsSettings aws) {
    record("describeSecurityGroups " + String.join(",", aws.securityGroups().groupIds()));
    return new SecurityGroupReport(aws.securityGroups().groupIds(), securityGroupRules, 3);
  }

  @Override
  public DnsRecordSet readRecord(AwsSettings aws) {
    record("readRecord " + aws.route53().recordName());
    return record(aws);
  }

  @Override
  public DnsRecordSet setTtl(AwsSettings aws, int ttlSeconds) {
    record("setTtl " + ttlSeconds);
    recordTtl = ttlSeconds;
    return record(aws);
  }

  private DnsRecordSet record(AwsSettings aws) {
    return new DnsRecordSet(aws.route53().hostedZoneId(), aws.route53().recordName(), true, "A", recordTtl, recordValues, "",
        "INSYNC");
  }

  // The model

  private StatusReport statusOf(String url, String probe) {
    URI uri = URI.create(url);
    FakeHost h = at(uri);
    if (isStaging(uri)) {
      record(probe + " " + h.name + " staging");
      return report(url, true, staging.becomesReady, staging.version);
    }
    record(probe + " " + h.name + " " + h.runningDir);
    return report(url, h.serviceActive, h.serviceActive && h.running().becomesReady, versionOf(h.runningDir));
  }

  private static StatusReport report(String url, boolean answers, boolean ready, String version) {
    if (!answers) {
      return new StatusReport(url, 0, false, -1, -1, "", "connection refused", 0, 1);
    }
    int state = ready ? 2 : 1;
    return new StatusReport(url, ready ? 200 : 503, ready, state, state,
        "{\"overall_ready\":" + ready + ",\"version\":\"" + version + "\"}", "", 0, 1);
  }

  private FakeHost on(HostTarget target, String activity) {
    FakeHost h = host(target.name());
    record(activity + " " + h.name);
    return h;
  }

  private FakeHost on(HostTarget target, String activity, String detail) {
    FakeHost h = host(target.name());
    record(activity + " " + h.name + " " + detail);
    return h;
  }

  /** The host whose service address {@code uri} names. */
  private FakeHost at(URI uri) {
    Environment env = environment.build();
    return env.hosts().stream().filter(h -> h.serviceAddress().equals(uri.getHost())).findFirst()
        .map(h -> host(h.name()))
        .orElseThrow(() -> new IllegalArgumentException("no sandbox host at " + uri));
  }

  private boolean isStaging(URI uri) {
    Environment env = environment.build();
    return uri.getPort() == env.staging().apiPort() || uri.getPort() == env.staging().telemetryPort();
  }

  private Map<String, String> installedPorts(FakeHost h) {
    if (h.installedPorts != null) {
      return h.installedPorts;
    }
    var ports = environment.build().ports();
    return Map.of("API_PORT", "" + ports.api(), "TELEMETRY_PORT", "" + ports.telemetry(),
        "DAP_PORT", "" + ports.dap(), "LSP_PORT", "" + ports.lsp());
  }

  private long expiry(long daysLeft) {
    // Half a day more, so whole days are counted the same wherever the run's clock stands today.
    return now.getEpochSecond() + daysLeft * 86_400 + 43_200;
  }

  private static CommandEvidence command(FakeHost h, String command, int exitCode) {
    return new CommandEvidence(h.name, command, exitCode, "", "", 2);
  }

  static String versionOf(String releaseDir) {
    return ReleaseDirs.versionInName(releaseDir, "production").orElse("");
  }

  /** Journals the call, then fails or pauses it if a test asked for that. */
  private void record(String line) {
    String failure;
    String transientFailure = null;
    synchronized (this) {
      calls.add(line);
      failure = failures.entrySet().stream().filter(f -> line.startsWith(f.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      for (Map.Entry<String, int[]> f : transientFailures.entrySet()) {
        if (line.startsWith(f.getKey()) && f.getValue()[0] > 0) {
          f.getValue()[0]--;
          transientFailure = transientMessages.get(f.getKey());
          break;
        }
      }
    }
    checkpoints.stream().filter(c -> c.matches(line)).forEach(Checkpoint::arrive);
    if (failure != null) {
      throw ApplicationFailure.newNonRetryableFailure(failure, "HostCommandFailed");
    }
    if (transientFailure != null) {
      throw ApplicationFailure.newFailure(transientFailure, "HostUnreachable");
    }
  }

  /** The staging instance 4.1 and 4.2 test. */
  public static final class FakeStaging {
    public volatile boolean becomesReady = true;
    public volatile String version = "v2.5.0";
    public volatile String telemetryFirstEvent = "connected";
    public volatile int testsExitCode = 0;
    public volatile double loadTestSuccessPercent = 99.8;
    public volatile double loadTestAverageMs = 45;
    public volatile double loadTestP95Ms = 120;
    /** Requests of the load test that timed out (counted in the errors too). */
    public volatile long loadTestTimeouts = 0;
  }
}
