package io.spacetime.runbook.document;

/**
 * {@code elapsed}: a gate on the time since an earlier step began, read from workflow time (so a
 * replay judges the same way): a recovery time objective ("restore to healthy within 15 minutes")
 * measured over the steps that recover.
 *
 * @param since the id of the earlier step the span starts at (its start)
 * @param maxSeconds the most the span may take
 */
public record ElapsedAction(String since, Long maxSeconds) {}
