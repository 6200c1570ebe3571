package io.spacetime.runbook.core;

import java.util.List;

/**
 * A running workflow's answer to the {@code progress} query: the step it is on, what it waits
 * for, and every step so far.
 *
 * @param outcome null while the run is still going
 */
public record Progress(
    String runbook,
    String environment,
    String currentStep,
    String waitingFor,
    Outcome outcome,
    List<StepResult> steps) {}
