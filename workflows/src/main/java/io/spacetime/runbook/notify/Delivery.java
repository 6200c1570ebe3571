package io.spacetime.runbook.notify;

import java.util.List;

/** Where a notice went: "console", "webhook 200", ... */
public record Delivery(List<String> channels) {}
