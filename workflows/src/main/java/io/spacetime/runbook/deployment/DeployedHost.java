package io.spacetime.runbook.deployment;

import io.spacetime.runbook.environment.Host;

/** A host after Steps 2-9, with where its service log stood when the new release started (Step 10 reads on from there). */
record DeployedHost(Host host, long logOffset) {}
