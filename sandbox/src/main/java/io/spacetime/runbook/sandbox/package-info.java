/**
 * Local target hosts for the deployment runbook: {@link io.spacetime.runbook.sandbox.Sandbox} starts
 * them and is what the demo, the bench and tests use. The sandbox depends on nothing else of ours
 * (it is the fixture the engine is tested against), and only the assembly depends on it.
 *
 * <p>The sub-packages depend on each other in one direction only, as the no-cycles rule requires:
 * {@code releases} (what a release is, its faults) &lt;- {@code standin} (the service a release
 * runs as) &lt;- {@code hosts} (SSH servers, host layout and control) &lt;- this package &lt;-
 * {@code commands} (the {@code sandbox} CLI). That is why the types they share ({@code SandboxHost},
 * {@code Fault}, {@code FaultScope}) live in the sub-packages and not here.
 */
package io.spacetime.runbook.sandbox;
