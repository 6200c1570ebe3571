package io.spacetime.runbook.cli;

import java.util.List;
import java.util.Map;

/**
 * Commands a module outside the production command tree adds to {@code runbook} (the sandbox, the
 * demo, the bench, the dev server: all in the deploy module), found with {@link java.util.ServiceLoader}
 * from {@code META-INF/services/io.spacetime.runbook.cli.MoreCommands}. The production tree never names
 * them, so the container image, whose classpath lacks deploy, has only the production commands and no
 * class of the sandbox at all.
 */
public interface MoreCommands {

  /** The picocli command objects, in the order {@code runbook --help} lists them. */
  List<Object> commands();

  /**
   * Subcommands this module adds under a production command, by that command's name (the drift
   * check, {@code runbooks coverage}, under {@code runbooks}).
   */
  default Map<String, List<Object>> subcommands() {
    return Map.of();
  }

  /** Lines for the "Start here:" part of {@code runbook --help}, each at most 80 columns. */
  List<String> startHere();
}
