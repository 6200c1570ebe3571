/**
 * {@code runbook sandbox up|down|status|release|induce|clear} and the background daemon behind {@code up}. Work
 * on a sandbox's directory from any process, through its {@code sandbox.json}. Nothing in the
 * sandbox depends on this package.
 */
package io.spacetime.runbook.sandbox.commands;
