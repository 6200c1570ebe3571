package io.spacetime.runbook.document;

/**
 * {@code wait}: a durable timer, a worker restart does not shorten it. Either a {@code duration}
 * ({@code 10m}, {@code 30s}, {@code 1h}), or {@code until} an instant ({@code 2026-12-03T10:00:00Z},
 * usually a {@code {param}}) less {@code before} ({@code 24h}: the notice a day before a planned start);
 * an instant already past waits not at all.
 */
public record WaitAction(String duration, String until, String before) {

  public WaitAction {
    before = before == null ? "" : before;
  }
}
