/**
 * Local target hosts for the deployment and incident runbooks: {@link io.spacetime.runbook.sandbox.Sandbox} starts
 * them and is what the demo, the bench and tests use. The sandbox depends on nothing else of ours
 * (it is the fixture the engine is tested against), and only the assembly depends on it.
 *
 * <p>The sub-packages depend on each other in one direction only, as the no-cycles rule requires:
 * {@code releases} (what a release is, its faults) &lt;- {@code standin} (the service a release
 * runs as, and the conditions it holds in memory) &lt;- {@code hosts} (SSH servers, host layout and
 * control) &lt;- {@code conditions} (the incident runbook's conditions on a host) &lt;- this package
 * &lt;- {@code commands} (the {@code sandbox} CLI). That is why the types they share
 * ({@code SandboxHost}, {@code Fault}, {@code FaultScope}, {@code Condition}) live in the
 * sub-packages and not here.
 */
package io.spacetime.runbook.sandbox;
