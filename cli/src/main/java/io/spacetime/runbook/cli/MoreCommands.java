package io.spacetime.runbook.cli;

import java.util.List;

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

  /** Lines for the "Start here:" part of {@code runbook --help}, each at most 80 columns. */
  List<String> startHere();
}
