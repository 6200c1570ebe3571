package io.spacetime.runbook.cli;

import java.util.Set;

/**
 * Chooses the log level before logback starts: the long-running processes (worker, intake, sandbox daemon)
 * log at INFO; commands a person reads the output of (deploy --wait, demo) log only warnings so the
 * step-by-step output stays readable. {@code RUNBOOK_LOG_LEVEL} overrides both.
 */
final class Logging {

  private static final Set<String> SERVICES = Set.of("worker", "dev-server", "intake");

  private Logging() {}

  static void configureFor(String[] args) {
    if (System.getenv("RUNBOOK_LOG_LEVEL") != null || System.getProperty("RUNBOOK_LOG_LEVEL") != null) {
      return;
    }
    boolean service = args.length > 0 && SERVICES.contains(args[0]);
    System.setProperty("RUNBOOK_LOG_LEVEL", service ? "INFO" : "WARN");
  }
}
