package io.spacetime.runbook.ports.notify;

import java.util.List;

/** Where a notice went: "console", "webhook 200", ... */
public record Delivery(List<String> channels) {

  /** Absent text and lists arrive as empty, never null: gates read them without checks. */
  public Delivery {
    channels = channels == null ? List.of() : channels;
  }
}
