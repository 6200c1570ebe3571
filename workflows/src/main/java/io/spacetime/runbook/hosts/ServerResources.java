package io.spacetime.runbook.hosts;

import java.util.List;

/**
 * Runbook 1.1 as measured: {@code df -Pk <deploy root>}, {@code /proc/meminfo} (MemAvailable, what
 * {@code free} calls "available"), {@code /proc/loadavg}, {@code nproc}, and a write probe.
 */
public record ServerResources(
    String host,
    String path,
    double diskFreeGb,
    double memoryAvailableGb,
    double loadAverage1m,
    int cores,
    boolean writable,
    List<CommandEvidence> commands) {}
