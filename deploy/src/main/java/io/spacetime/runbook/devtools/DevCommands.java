package io.spacetime.runbook.devtools;

import io.spacetime.runbook.bench.BenchCommand;
import io.spacetime.runbook.cli.MoreCommands;
import io.spacetime.runbook.coverage.CoverageCommand;
import io.spacetime.runbook.demo.DemoCommand;
import io.spacetime.runbook.sandbox.commands.SandboxCommand;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./runbook} has beyond the production commands: the sandbox, the demo, the dev server,
 * the bench, and the drift check under {@code runbooks}. Registered in {@code META-INF/services}, so only a classpath with this module (the
 * repository's launcher, the tests) has them; the container image does not.
 */
public final class DevCommands implements MoreCommands {

  @Override
  public List<Object> commands() {
    return List.of(new SandboxCommand(), new DemoCommand(), new DevServerCommand(), new BenchCommand());
  }

  @Override
  public Map<String, List<Object>> subcommands() {
    return Map.of("runbooks", List.of(new CoverageCommand()));
  }

  @Override
  public List<String> startHere() {
    return List.of(
        "  ./runbook demo                  embedded Temporal + a 3-host sandbox: a good",
        "                                  release, then a bad one that rolls back",
        "  ./runbook worker --embedded     a worker with an in-process Temporal server",
        "  ./runbook sandbox up --hosts 3  local target hosts + environment 'sandbox'");
  }
}
