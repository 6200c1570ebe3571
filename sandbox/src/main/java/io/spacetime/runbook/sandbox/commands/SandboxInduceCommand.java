package io.spacetime.runbook.sandbox.commands;

import io.spacetime.runbook.sandbox.conditions.Condition;
import io.spacetime.runbook.sandbox.conditions.ConditionOptions;
import io.spacetime.runbook.sandbox.conditions.HostConditions;
import io.spacetime.runbook.sandbox.conditions.InducedCondition;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox induce HOST CONDITION}: one of the incident runbook's {@link Condition}s on a
 * running host, for the incident workflow to investigate and fix. Works on the sandbox directory
 * directly, like {@code release}; the service must run for the conditions it holds.
 */
@Command(name = "induce",
    description = {
        "Give a running host one of the incident runbook's conditions, for real.",
        "",
        "The service holds errors, slow, auth and memory-growth in its memory: they last until it "
            + "restarts (the runbook's fix), or for --for SECONDS. The others change the host's files "
            + "or processes and stay until fixed or cleared. GET /metrics is never affected."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  ./runbook sandbox induce host-1 errors --rate 20",
        "  ./runbook sandbox induce host-2 slow --delay-ms 1500 --for 60",
        "  ./runbook sandbox induce host-1 scene-missing --backup",
        "  ./runbook sandbox induce host-3 port-conflict",
        "  ./runbook sandbox clear host-1",
        "",
        "Conditions (runbook incident):",
        "  errors            (2) a share of API responses answer 500 (--rate)",
        "  slow              (3) every API response is delayed (--delay-ms)",
        "  auth              (4) every API request answers 401",
        "  memory-growth     (6) resident memory grows (--mb-per-second)",
        "  scene-missing     (5) the served release's scene files are deleted",
        "  scene-unreadable  (5) the scene files' mode is set to 000",
        "  disk-fill         (7) an old log, cores and temp files fill the disk",
        "  crash             (1) the service dies (SIGKILL)",
        "  port-conflict     (1) crash, then another process takes the API port",
        "  backups-pile      (7) old dated backups far beyond the retention"})
final class SandboxInduceCommand implements Callable<Integer> {

  @ParentCommand SandboxCommand parent;
  @Mixin HelpOption help;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST", description = "The host, as 'sandbox status' names it: host-1.")
  String host;

  @Parameters(index = "1", paramLabel = "CONDITION", converter = ConditionConverter.class,
      completionCandidates = ConditionNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
  Condition condition;

  @Option(names = "--rate", paramLabel = "PERCENT",
      description = "errors: the share of API responses that fail (default: "
          + ConditionOptions.DEFAULT_RATE_PERCENT + ").")
  Integer rate;

  @Option(names = "--delay-ms", paramLabel = "MS",
      description = "slow: added to every API response (default: " + ConditionOptions.DEFAULT_DELAY_MS + ").")
  Integer delayMs;

  @Option(names = "--mb-per-second", paramLabel = "MB",
      description = "memory-growth: growth of the resident memory (default: "
          + ConditionOptions.DEFAULT_MB_PER_SECOND + ").")
  Integer mbPerSecond;

  @Option(names = "--for", paramLabel = "SECONDS",
      description = "errors, slow, auth, memory-growth: end after this long instead of at the restart.")
  Integer forSeconds;

  @Option(names = "--mb", paramLabel = "MB",
      description = "disk-fill: the old log's size (default: past 95%% of the sandbox's quota).")
  Integer mb;

  @Option(names = "--scene", paramLabel = "FILE",
      description = "scene-*: a scene file of the served release; repeatable (default: vr_main.tscn).")
  List<String> scenes;

  @Option(names = "--backup",
      description = "scene-*: archive the served release into backups/ first, for the restore.")
  boolean backup;

  @Option(names = "--dir", paramLabel = "DIR", description = "Sandbox directory (default: $RUNBOOK_HOME/sandbox).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxHost target = HostTable.named(parent.sandboxDir(dir), host, err).orElse(null);
    if (target == null) {
      return 1;
    }
    InducedCondition induced;
    try {
      induced = HostConditions.induce(target, condition, options());
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(e.getMessage());
      return 1;
    }
    out.println(induced.summary());
    out.printf("Undo: ./runbook sandbox clear %s %s%n", target.name(), condition);
    return 0;
  }

  private ConditionOptions options() {
    ConditionOptions.Builder options = ConditionOptions.newBuilder();
    if (rate != null) {
      options.ratePercent(rate);
    }
    if (delayMs != null) {
      options.delayMs(delayMs);
    }
    if (mbPerSecond != null) {
      options.mbPerSecond(mbPerSecond);
    }
    if (forSeconds != null) {
      options.lasting(Duration.ofSeconds(forSeconds));
    }
    if (mb != null) {
      options.fillMb(mb);
    }
    if (scenes != null) {
      options.scenes(scenes);
    }
    if (backup) {
      options.backupFirst(true);
    }
    return options.build();
  }

  static final class ConditionConverter implements ITypeConverter<Condition> {
    @Override
    public Condition convert(String value) {
      return Condition.fromName(value);
    }
  }

  static final class ConditionNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Condition.values()).map(Condition::jsonName).iterator();
    }
  }
}
