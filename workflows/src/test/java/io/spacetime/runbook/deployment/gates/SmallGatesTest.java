package io.spacetime.runbook.deployment.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.lock.LockGate;
import io.spacetime.runbook.lock.LockGrant;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.loadbalancer.TargetRegistration;
import org.junit.jupiter.api.Test;

/** The gates with one condition each: the lock, the load balancer target, a configured command. */
class SmallGatesTest {

  @Test
  void aRefusedLockNamesItsHolder() {
    assertTrue(LockGate.granted(new LockGrant(true, "sandbox", "deploy-1", "")).passed());
    assertEquals("environment sandbox is locked by deploy-sandbox-123 (deployment of v2.6.0 to sandbox)",
        LockGate.granted(new LockGrant(false, "sandbox", "deploy-sandbox-123", "deployment of v2.6.0 to sandbox")).reason());
  }

  @Test
  void theLoadBalancerTargetMustBeHealthy() {
    assertTrue(LoadBalancerGate.healthy(new TargetRegistration("api-1", "i-1", "healthy", "")).passed());
    assertEquals("target i-1 of api-1 is unhealthy: Target.ResponseCodeMismatch",
        LoadBalancerGate.healthy(new TargetRegistration("api-1", "i-1", "unhealthy", "Target.ResponseCodeMismatch")).reason());
  }

  @Test
  void aCommandMustExitZero() {
    assertTrue(CommandGate.succeeded(new CommandEvidence("api-1", "tests/run_tests.sh", 0, "Passed: 5", "", 9), "tests").passed());
    assertEquals("staging test suite failed on api-1 (exit 1): ✗ overall_ready is true",
        CommandGate.succeeded(new CommandEvidence("api-1", "tests/run_tests.sh", 1, "✓ GET /status answers 200\n"
            + "✗ overall_ready is true\n", "", 9), "staging test suite").reason());
  }
}
