package io.spacetime.runbook.sandbox.commands;

import picocli.CommandLine.Option;

/** {@code -h/--help} for the sandbox subcommands (which have no version of their own to print). */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean requested;
}
