package io.spacetime.runbook.document;

/**
 * A document as a run loaded it: the file, its text and SHA-256, and the validated model. An
 * activity result, so the run's history holds exactly what it executes; editing the file later
 * changes only runs started later.
 */
public record LoadedDocument(String file, String sha256, String content, RunbookDocument document) {}
