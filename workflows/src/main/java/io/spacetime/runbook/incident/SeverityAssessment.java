package io.spacetime.runbook.incident;

/** A severity and the evidence it was assessed from ("error rate 7.0 % > 5 %: P1 (runbook: API error rate > 5%)"). */
record SeverityAssessment(Severity severity, String reason) {}
