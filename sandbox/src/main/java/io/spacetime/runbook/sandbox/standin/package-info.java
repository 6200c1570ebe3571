/**
 * The SpaceTime stand-in: the process a sandbox host runs in place of Godot, serving the runbook's
 * HTTP API, telemetry WebSocket and DAP/LSP ports and {@code /metrics}, showing its release's fault
 * and the runtime conditions the sandbox gives it. Runs in a JVM of
 * its own with {@link io.spacetime.runbook.sandbox.standin.StandInClasspath}. Depends on
 * {@code releases} only.
 */
package io.spacetime.runbook.sandbox.standin;
