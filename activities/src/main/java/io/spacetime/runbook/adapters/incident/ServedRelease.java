package io.spacetime.runbook.adapters.incident;

import static io.spacetime.runbook.adapters.AdapterFailures.nonRetryable;
import static io.spacetime.runbook.core.FailureTypes.RELEASE_MISSING;

import io.spacetime.runbook.adapters.ssh.CommandRun;
import io.spacetime.runbook.adapters.ssh.RemoteShell;
import io.spacetime.runbook.adapters.ssh.ShellCommand;
import io.spacetime.runbook.ports.hosts.Layout;

/** The release directory the {@code production} link serves, resolved, as Incident 5 reads and repairs it. */
record ServedRelease(String dir, CommandRun run) {

  static ServedRelease read(RemoteShell shell, Layout layout) {
    String link = layout.productionLink();
    CommandRun run = shell.run(ShellCommand.of("test", "-L", link)
        .and(ShellCommand.of("readlink", "-e", link)));
    String dir = run.succeeded() ? run.stdout().strip() : "";
    if (dir.isEmpty()) {
      throw nonRetryable(RELEASE_MISSING, "on host " + shell.host().name() + ", " + link + " (layout.production) is not"
          + " a symlink to an existing release, so no scene files are served; this is Incident 1 (nothing serves)"
          + " or a deployment that did not finish: see the release history before repairing scenes", run.evidence());
    }
    return new ServedRelease(dir, run);
  }

  String path(String relative) {
    return dir + "/" + relative;
  }
}
