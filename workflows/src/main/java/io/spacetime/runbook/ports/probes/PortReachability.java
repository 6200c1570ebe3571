package io.spacetime.runbook.ports.probes;

import java.util.List;

/** health_monitor.py's "DAP service available on port 6006": a TCP connect to each port. */
public record PortReachability(String address, List<Integer> reachable, List<Integer> unreachable) {}
