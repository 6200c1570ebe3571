package io.spacetime.runbook.lock;

/**
 * The answer to "may this run change the environment now?".
 *
 * @param holder the workflow id holding the lock (this run when granted)
 */
public record LockGrant(boolean granted, String environment, String holder, String holderDescription) {}
