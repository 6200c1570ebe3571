/**
 * Sandbox releases: the directory a release is ({@code VERSION}, {@code release.json}, the Godot
 * project files, the staging test suite) and the {@link io.spacetime.runbook.sandbox.releases.Fault}
 * it may carry. Depends on no other package of the sandbox.
 */
package io.spacetime.runbook.sandbox.releases;
