package io.spacetime.runbook.demo;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.sandbox.Sandbox;
import io.spacetime.runbook.sandbox.ServiceStatus;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import io.spacetime.runbook.sandbox.releases.Fault;
import io.spacetime.runbook.sandbox.releases.FaultScope;
import io.spacetime.runbook.sandbox.releases.FileTrees;
import io.spacetime.runbook.starter.cli.ProgressPrinter;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.worker.EmbeddedTemporal;
import io.spacetime.runbook.worker.RunbookHome;
import io.spacetime.runbook.worker.RunbookWorker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo",
    description = {
        "Show the whole thing in one process, with nothing to install.",
        "An embedded Temporal server, a worker and a sandbox of local hosts (SSH + the",
        "SpaceTime stand-in). Deploys a good release (SUCCEEDED), then a bad one whose",
        "/scene/load fails in production (ROLLED_BACK: every host serves the good release",
        "again), printing every step. Reports are written to $RUNBOOK_HOME/demo/reports.",
        "",
        "Exit code 0 when both runs end as expected."},
    mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {

  private static final String GOOD = "v2.5.0";
  private static final String BAD = "v2.6.0";

  @Spec CommandSpec spec;

  @Option(names = "--hosts", defaultValue = "3", description = "Sandbox hosts (default: ${DEFAULT-VALUE}).")
  int hosts;

  @Option(names = "--openssh", description = "Use real OpenSSH sshd hosts instead of embedded Apache MINA SSHD.")
  boolean openssh;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RunbookHome home = RunbookHome.fromEnvironment();
    Path dir = home.home().resolve("demo");
    FileTrees.delete(dir);
    Path environments = dir.resolve("environments");
    String taskQueue = "runbook-demo";
    out.println("Starting an embedded Temporal server, a worker and a " + hosts + "-host sandbox in " + dir + " ...");
    try (EmbeddedTemporal temporal = EmbeddedTemporal.startOnAFreePort();
        Sandbox sandbox = Sandbox.builder().root(dir.resolve("sandbox")).environmentsDir(environments)
            .environmentName("demo").hosts(hosts).openssh(openssh).subnet(60).start();
        TemporalConnection connection = TemporalConnection.open(
            TemporalSettings.fromEnvironment().withAddress(temporal.address()).withTaskQueue(taskQueue).withNamespace("default"))) {
      RunbookWorker worker = RunbookWorker.start(connection.client(), taskQueue, new RunbookHome(dir, List.of(environments)));
      try {
        RunbookClient client = new RunbookClient(connection.client(), taskQueue, Clock.systemUTC());
        printHosts(out, sandbox, "Sandbox hosts (serving the initial release):");
        sandbox.stageRelease(GOOD);
        DeploymentResult good = deploy(out, client, sandbox, "1. A good release", GOOD, dir);
        sandbox.stageRelease(BAD, Fault.SCENE_500, FaultScope.PRODUCTION);
        DeploymentResult bad = deploy(out, client, sandbox, "2. A bad release (POST /scene/load answers 500 in production)", BAD, dir);
        printHosts(out, sandbox, "After the rollback:");
        boolean goodServing = sandbox.hosts().stream().allMatch(h -> {
          ServiceStatus s = sandbox.status(h);
          return s.overallReady() && GOOD.equals(s.version());
        });
        boolean asExpected = good.outcome() == Outcome.SUCCEEDED && bad.outcome() == Outcome.ROLLED_BACK && goodServing;
        out.println();
        out.println(asExpected
            ? "Demo complete: " + GOOD + " SUCCEEDED; " + BAD + " ROLLED_BACK and every host serves " + GOOD + " again."
            : "Demo did NOT end as expected: " + GOOD + " " + good.outcome() + ", " + BAD + " " + bad.outcome()
                + (goodServing ? "" : ", and not every host serves " + GOOD));
        return asExpected ? 0 : 1;
      } finally {
        worker.shutdown(Duration.ofSeconds(10));
      }
    }
  }

  private DeploymentResult deploy(PrintWriter out, RunbookClient client, Sandbox sandbox, String title,
      String version, Path dir) throws Exception {
    out.println();
    out.println("== " + title + ": deploy " + version + " to " + sandbox.environmentName() + " ==");
    String id = client.startDeployment(new DeploymentRequest(sandbox.environmentName(), version, false, false, "demo", "demo"));
    DeploymentResult result = new ProgressPrinter(client, out).follow(id, client.deploymentResultAsync(id), Duration.ofMinutes(10));
    Path report = dir.resolve("reports").resolve(id + ".md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, result.report());
    out.println(result.outcome() + ": " + result.message());
    out.println("Report: " + report);
    return result;
  }

  private static void printHosts(PrintWriter out, Sandbox sandbox, String heading) throws Exception {
    out.println();
    out.println(heading);
    for (SandboxHost host : sandbox.hosts()) {
      out.printf("  %-8s %-12s %-22s %s%n", host.name(), host.address(), sandbox.currentRelease(host),
          sandbox.status(host).summary());
    }
  }
}
