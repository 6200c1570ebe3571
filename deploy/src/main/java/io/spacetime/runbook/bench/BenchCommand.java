package io.spacetime.runbook.bench;

import io.spacetime.runbook.adapters.environment.EnvironmentLoader;
import io.spacetime.runbook.adapters.ssh.ShellQuote;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.core.StepResult;
import io.spacetime.runbook.core.StepStatus;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.FileTrees;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.worker.ActivityAdapters;
import io.spacetime.runbook.worker.ActivityKeepAlive;
import io.spacetime.runbook.worker.EmbeddedTemporal;
import io.spacetime.runbook.worker.RunbookHome;
import io.spacetime.runbook.worker.RunbookWorker;
import io.spacetime.runbook.worker.WorkerCapacity;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench",
    description = {
        "Measure the engine on the sandbox, side by side in one run.",
        "At the end, one table of every figure with its goal and PASS or MISS (--json: the same as JSON).",
        "  (a) a 20-command step sequence on one host, each command its own Temporal",
        "      activity over the pooled sshj connection, divided by the same commands",
        "      from a shell loop over one multiplexed OpenSSH connection (ControlMaster).",
        "      Goal: <= 1.0 embedded, <= 2.0 with --address. Beside it, the same",
        "      commands as Ansible playbooks (ansible-core from the project's .venv,",
        "      installed there if missing; pipelining, ControlPersist): Ansible's time",
        "      over the engine's, command module (goal >= 20) and raw (goal > 1).",
        "  (b) seconds from a failed gate to the previous version answering healthy again",
        "      (a release whose /scene/load fails in production). Goal: < 10 s; the",
        "      runbook budgets 5-10 minutes by hand.",
        "  (e) seconds from a watch-window trigger (a release that degrades 20 s after it",
        "      starts) to every host healthy on its previous release.",
        "  (h) a whole deployment of 3 hosts (a good release, no watch window): the share",
        "      of its wall time that is the engine's overhead, not the runbook's own work",
        "      (activities and timers, from the histories). Goal: <= 5 %%.",
        "  (c) with --incidents N: N open P0 incidents on one worker, how late their",
        "      5-minute response-target timers fire (goal p99 < 1 s) and the worker's",
        "      heap (goal <= 512 MB). Takes about 6 more minutes.",
        "  (d) with --alerts N: N Alertmanager notifications to the HTTP intake, each",
        "      to its incident's first investigation evidence on a host (goal p95 <=",
        "      500 ms), and one notification delivered 10 times (goal: 1 incident).",
        "  (f) with --fleet N: a rollout of N sandbox hosts in batches of 5 against one",
        "      batch of 5 alone; the fleet's mean batch time over the lone batch's",
        "      (goal <= 1.5). --fleet 20 takes about 3 more minutes.",
        "  (g) with --concurrent [N] and --address: N deployments at once (default 10,",
        "      one environment of one host each) executed by 1 worker process, then by",
        "      2 on one task queue: deployments per minute and the p95 of one",
        "      deployment's duration, for information (no goal).",
        "Uses OpenSSH sshd hosts when /usr/sbin/sshd exists, embedded MINA SSHD otherwise."},
    mixinStandardHelpOptions = true)
public final class BenchCommand implements Callable<Integer> {

  private static final String QUEUE = "runbook-bench";

  @Spec CommandSpec spec;

  @Option(names = "--commands", defaultValue = "20", description = "Commands in the sequence (default: ${DEFAULT-VALUE}).")
  int commands;

  @Option(names = "--rounds", defaultValue = "7", description = "Measured rounds of each side; the median is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--incidents", defaultValue = "0", paramLabel = "N",
      description = "Also run (c) with N open incidents (e.g. 1000; default: skip it).")
  int incidents;

  @Option(names = "--address", paramLabel = "HOST:PORT",
      description = "Measure against this running Temporal server (e.g. ./runbook dev-server) instead of the embedded one.")
  String address;

  @Option(names = "--alerts", defaultValue = "0", paramLabel = "N",
      description = "Also run (d) with N alerts (e.g. 100; default: skip it).")
  int alerts;

  @Option(names = "--fleet", defaultValue = "0", paramLabel = "N",
      description = "Also run (f) with a fleet of N hosts (e.g. 20; at least 10; default: skip it).")
  int fleet;

  @Option(names = "--concurrent", arity = "0..1", defaultValue = "0", fallbackValue = "10", paramLabel = "N",
      description = "Also run (g) with N deployments at once, 1 worker vs 2 (--concurrent alone: 10; needs --address).")
  int concurrent;

  @Option(names = "--skip-sequence", description = "Skip (a), (b), (e) and (h), to measure only (c), (d), (f) and/or (g).")
  boolean skipSequence;

  @Option(names = "--json", description = "Print the figures as JSON instead of the table (progress still goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    // The figures go to stdout once, at the end; what the bench is doing meanwhile goes to stderr,
    // so --json's output is JSON only.
    PrintWriter out = spec.commandLine().getErr();
    BenchReport report = new BenchReport();
    if (fleet != 0 && (fleet < 2 * RolloutBatchBench.BATCH || fleet > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--fleet " + fleet + " is not a fleet from 10 to 100 hosts (two batches of 5 at least)");
    }
    if (concurrent != 0 && (concurrent < 2 || concurrent > 50)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--concurrent " + concurrent + " is not a number of deployments from 2 to 50");
    }
    boolean finished = false;
    try {
      measure(out, report);
      finished = true;
    } finally {
      // What was measured before a failure is still worth reading; the failure itself is on stderr.
      if (!finished) {
        report.context("The bench stopped early (the error is on stderr): these are the figures measured before.");
      }
      PrintWriter results = spec.commandLine().getOut();
      results.print(json ? report.json() : report.table());
      results.flush();
    }
    return 0;
  }

  private void measure(PrintWriter out, BenchReport report) throws Exception {
    Path dir = RunbookHome.fromEnvironment().home().resolve("bench");
    FileTrees.delete(dir);
    Path environments = dir.resolve("environments");
    boolean openssh = Files.isExecutable(Path.of("/usr/sbin/sshd")) && commandExists("ssh");
    report.context("Sandbox: 1 host over " + (openssh ? "OpenSSH sshd" : "embedded MINA SSHD") + "; "
        + (address == null ? "embedded Temporal" : "Temporal at " + address)
        + (skipSequence ? "." : "; " + rounds + (rounds == 1 ? " round" : " rounds") + " of each side, medians reported."));
    if (concurrent > 0) {
      report.context("(g): " + concurrent + " more hosts, one environment each (staging off), worker processes of their"
          + " own on task queue " + ConcurrentDeploymentsBench.QUEUE + "; " + Runtime.getRuntime().availableProcessors()
          + " cores for everything.");
    }
    out.println("bench: starting the sandbox and " + (address == null ? "an embedded Temporal server" : "a worker") + " ...");
    // try-with-resources skips a null resource: with --address nothing is started here.
    try (EmbeddedTemporal temporal = address == null ? EmbeddedTemporal.startOnAFreePort() : null;
        Sandbox sandbox = Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(environments)
            .environmentName("bench").hosts(1).openssh(openssh).subnet(66).start();
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.fromEnvironment().withAddress(temporal == null ? address : temporal.address())
                .withTaskQueue(QUEUE).withNamespace("default"))) {
      RunbookHome home = new RunbookHome(dir, List.of(environments));
      Environment env = new EnvironmentLoader(home.environmentDirs()).load("bench");
      HostTarget target = env.target(env.hosts().get(0));
      ActivityKeepAlive keepAlive = new ActivityKeepAlive();
      // The production worker's capacity (the same variables), so the figures are the worker's own.
      WorkerCapacity capacity = WorkerCapacity.fromEnvironment();
      WorkerFactory factory = WorkerFactory.newInstance(connection.client(), capacity.factoryOptions(keepAlive));
      Worker worker = factory.newWorker(QUEUE, capacity.workerOptions());
      report.context("Worker: " + capacity + ".");
      RunbookWorker.registerWorkflows(worker);
      worker.registerWorkflowImplementationTypes(CommandSequenceWorkflowImpl.class);
      try (ActivityAdapters adapters = ActivityAdapters.create(connection.client(), QUEUE, home, capacity.hostConcurrency())) {
        worker.registerActivitiesImplementations(adapters.implementations());
        factory.start();
        if (!skipSequence) {
          out.println("bench: (a) " + commands + " commands, " + rounds + " rounds of each side ...");
          double engineMs = sequenceRatio(connection, sandbox, target, openssh, report);
          out.println("bench: (a) the same commands as Ansible playbooks (command and raw modules) ...");
          AnsibleSideBySide.figures(projectVenv(), dir.resolve("ansible"), out, target, sandbox.hosts().get(0).root().toString(),
              commands, rounds, engineMs).forEach(report::add);
          out.println("bench: (b) a release whose gate fails ...");
          report.add(recoveryTime(connection, sandbox));
          out.println("bench: (e) a release that degrades in the watch window ...");
          report.add(watchWindowRecovery(connection, sandbox));
          try (Sandbox three = Sandbox.builder().root(dir.resolve("three")).environmentsDir(environments)
              .environmentName("bench-three").hosts(3).openssh(openssh).subnet(69).start()) {
            out.println("bench: (h) a whole deployment of 3 hosts, split into work and engine overhead ...");
            report.add(new DeploymentOverheadBench(connection.client(), QUEUE).run(three, "bench-three", "v2.8.0"));
          }
        }
        if (alerts > 0) {
          new AlertLatencyBench(connection.client(), QUEUE, "bench", out).run(alerts).forEach(report::add);
        }
        if (incidents > 0) {
          new IncidentTimersBench(connection.client(), QUEUE, out).run(incidents).forEach(report::add);
        }
        if (concurrent > 0) {
          concurrentDeployments(connection, dir, environments, openssh, out).forEach(report::add);
        }
        if (fleet > 0) {
          try (Sandbox hosts = Sandbox.builder().root(dir.resolve("fleet")).environmentsDir(environments)
              .environmentName("bench-fleet").hosts(fleet).openssh(openssh).subnet(67).start()) {
            out.println("bench: (f) a rollout of " + fleet + " hosts in batches of " + RolloutBatchBench.BATCH + " ...");
            report.add(new RolloutBatchBench(connection.client(), QUEUE).run(hosts, "bench-fleet"));
          }
        }
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        keepAlive.close();
      }
    }
  }

  /**
   * (g) against the server at --address: worker processes of their own connect to it, which the
   * embedded server (in this JVM, no visibility) is not meant for.
   */
  private List<BenchFigure> concurrentDeployments(TemporalConnection connection, Path dir, Path environments,
      boolean openssh, PrintWriter out) throws Exception {
    if (address == null) {
      return List.of(BenchFigure.notMeasured("g", concurrent + " deployments, 1 worker vs 2", BenchFigure.Unit.PER_MINUTE,
          null, "needs --address (a running server, e.g. ./runbook dev-server --background): worker processes of"
              + " their own connect to it"));
    }
    try (Sandbox hosts = Sandbox.builder().root(dir.resolve("concurrent")).environmentsDir(environments)
        .environmentName("bench-concurrent").hosts(concurrent).openssh(openssh).subnet(68).start()) {
      return new ConcurrentDeploymentsBench(connection.client(), address, dir, out).run(hosts);
    }
  }

  /** Adds (a) to the report; the engine's median time of the sequence, in ms, for the side-by-side figures. */
  private double sequenceRatio(TemporalConnection connection, Sandbox sandbox, HostTarget target,
      boolean openssh, BenchReport report) throws Exception {

    SandboxHost host = sandbox.hosts().get(0);
    Path script = writeControlMasterScript(sandbox, host, target);
    List<Long> engine = new ArrayList<>();
    List<Long> shell = new ArrayList<>();
    for (int round = -1; round < rounds; round++) { // round -1 warms both sides up and is not counted
      long e = timeEngine(connection, target, host);
      long s = timeShell(script);
      if (round >= 0) {
        engine.add(e);
        shell.add(s);
      }
    }
    double engineMs = Percentiles.median(engine) / 1e6;
    double shellMs = Percentiles.median(shell) / 1e6;
    report.add(new BenchFigure("a", commands + " commands: engine / ControlMaster loop", engineMs / shellMs,
        // Issue 14's goals: as fast as hand-typed SSH on the embedded server; a real server's history writes
        // and polling may cost up to as much again.
        BenchFigure.Unit.RATIO, BenchFigure.Goal.atMost(address == null ? 1.0 : 2.0), String.format(java.util.Locale.ROOT,
            "engine %.1f ms (%.1f ms/command), OpenSSH ControlMaster script %.1f ms (%.1f ms/command)%s",
            engineMs, engineMs / commands, shellMs, shellMs / commands, openssh ? "" : "; MINA host, not OpenSSH")));
    return engineMs;
  }

  private long timeEngine(TemporalConnection connection, HostTarget target, SandboxHost host) {
    CommandSequenceWorkflow sequence = connection.client().newWorkflowStub(CommandSequenceWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("bench-sequence-" + System.nanoTime()).build());
    long start = System.nanoTime();
    int failures = sequence.run(target, host.root().toString(), "true", commands);
    long elapsed = System.nanoTime() - start;
    if (failures > 0) {
      throw new IllegalStateException(failures + " of the engine's commands failed");
    }
    return elapsed;
  }

  private long timeShell(Path script) throws Exception {
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", script.toString(), String.valueOf(commands)).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the OpenSSH script failed: " + output);
    }
    return System.nanoTime() - start;
  }

  /**
   * The same remote commands the engine sends (the configured command in a subshell in its
   * directory), over one master connection: {@code ssh ... 'cd DIR && ( true )'} per step.
   */
  private Path writeControlMasterScript(Sandbox sandbox, SandboxHost host, HostTarget target) throws Exception {
    Path socket = sandbox.root().resolve("cm.sock");
    String ssh = String.join(" ", "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + target.knownHosts(), "-i", target.keyFile(), "-p", String.valueOf(target.sshPort()),
        "-o", "ControlPath=" + socket, "-o", "ControlMaster=auto", "-o", "ControlPersist=120",
        target.user() + "@" + target.address());
    Path script = sandbox.root().resolve("controlmaster-bench.sh");
    String remote = "cd " + ShellQuote.quote(host.root().toString()) + " && ( true )";
    Files.writeString(script, "set -e\nfor i in $(seq 1 \"$1\"); do " + ssh + " " + ShellQuote.quote(remote) + "; done\n");
    return script;
  }

  private BenchFigure recoveryTime(TemporalConnection connection, Sandbox sandbox) throws Exception {
    sandbox.stageRelease("v2.6.0", Fault.SCENE_500, FaultScope.PRODUCTION);
    Recovery r = recovery(connection, new DeploymentRequest("bench", "v2.6.0", false, false, "bench", "bench"));
    return r.figure("b", "failed gate -> previous version healthy", BenchFigure.Goal.below(10),
        "the runbook budgets 300-600 s by hand");
  }

  /**
   * (e) A release that passes every gate and degrades 20 s after it starts, deployed with a
   * one-minute watch window sampling the host's endpoints every 2 s: from the window's trigger to
   * the host answering healthy on its previous release.
   */
  private BenchFigure watchWindowRecovery(TemporalConnection connection, Sandbox sandbox) throws Exception {
    sandbox.stageRelease("v2.7.0", Fault.DEGRADES, FaultScope.PRODUCTION);
    Recovery r = recovery(connection, DeploymentRequest.of("bench", "v2.7.0").withWatch("60s"));
    return r.figure("e", "watch-window trigger -> previous healthy", null, "every host on its previous release");
  }

  /** @param seconds null when nothing failed or no health check was undone */
  private record Recovery(Double seconds, Outcome outcome) {

    BenchFigure figure(String bench, String name, BenchFigure.Goal goal, String note) {
      return seconds == null
          ? BenchFigure.notMeasured(bench, name, BenchFigure.Unit.SECONDS, goal,
              "nothing failed, or no health check was undone (outcome " + outcome + ")")
          : new BenchFigure(bench, name, seconds, BenchFigure.Unit.SECONDS, goal, note + "; outcome " + outcome);
    }
  }

  /** Deploys {@code request}; from its failed step's end to the last compensated health check's end. */
  private static Recovery recovery(TemporalConnection connection, DeploymentRequest request) throws Exception {
    RunbookClient client = new RunbookClient(connection.client(), QUEUE, Clock.systemUTC());
    DeploymentResult result = client.deploymentResult(client.startDeployment(request), Duration.ofMinutes(5));
    java.util.OptionalLong failedAt = result.steps().stream().filter(s -> s.status() == StepStatus.FAILED)
        .mapToLong(StepResult::finishedAt).min();
    java.util.OptionalLong healthyAt = result.steps().stream().filter(s -> s.status() == StepStatus.COMPENSATED)
        .filter(s -> s.title().contains("verify health")).mapToLong(StepResult::finishedAt).max();
    if (failedAt.isEmpty() || healthyAt.isEmpty()) {
      return new Recovery(null, result.outcome());
    }
    return new Recovery((healthyAt.getAsLong() - failedAt.getAsLong()) / 1000.0, result.outcome());
  }

  /** The project's {@code .venv} ({@code $RUNBOOK_REPO}, which ./runbook sets, else the working directory). */
  private static Path projectVenv() {
    String repo = System.getenv().getOrDefault("RUNBOOK_REPO", "");
    return (repo.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(repo)).resolve(".venv");
  }

  private static boolean commandExists(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }
}
