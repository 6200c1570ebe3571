/**
 * The incident runbook's conditions on a running sandbox host, induced for real so the incident
 * workflow can be tested end to end: {@link io.spacetime.runbook.sandbox.conditions.Condition} (what
 * can go wrong), {@link io.spacetime.runbook.sandbox.conditions.ConditionOptions} (how),
 * {@link io.spacetime.runbook.sandbox.conditions.HostConditions} (inducing, measuring and clearing
 * them on one host, from any process). The conditions the service holds in memory go to it through
 * {@code standin}'s control directory; the others are files and processes of the host. Depends on
 * {@code releases}, {@code standin} and {@code hosts}.
 */
package io.spacetime.runbook.sandbox.conditions;
