package io.spacetime.runbook.sandbox.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The background sandbox's files in its directory: {@code daemon.pid} (written first, so
 * {@code down} can stop a daemon that is still starting), {@code daemon.ready} (written once
 * every host is up) and {@code daemon.log} (its output).
 */
record DaemonFiles(Path dir) {

  Path pidFile() {
    return dir.resolve("daemon.pid");
  }

  Path readyFile() {
    return dir.resolve("daemon.ready");
  }

  Path logFile() {
    return dir.resolve("daemon.log");
  }

  /** The daemon's process if its pid file names a live Java process; empty otherwise. */
  Optional<ProcessHandle> runningDaemon() {
    try {
      long pid = Long.parseLong(Files.readString(pidFile()).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean ready() {
    return Files.exists(readyFile());
  }
}
