package io.spacetime.runbook.core;

import java.util.List;

/**
 * One numbered item of a runbook, named as the runbook names it ("1.1 Server Resources",
 * "Step 6: Service Health Checks") so an operator can find it on the page, with the items of its
 * "Verification Steps" list: each run checks every one of them for real or reports why it did not
 * ({@link ItemCheck}).
 *
 * @param items the runbook's verification items for this step, in its words; empty when it has none
 */
public record Step(String id, String title, List<String> items) {

  public Step {
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** A step without a verification list of its own (loading the environment, the lock). */
  public Step(String id, String title) {
    this(id, title, List.of());
  }

  /** "1.1 Server Resources". */
  public String label() {
    if (id.isEmpty()) {
      return title;
    }
    // "Step 6: ...", and the incident runbook's "Scenario A: ..." and "Phase 2: ...", as the pages write them.
    return id.startsWith("Step ") || id.startsWith("Scenario ") || id.startsWith("Phase ") ? id + ": " + title : id + " " + title;
  }

  /** The label with the host it runs on: "Step 3: Deploy New Version [api-1]". */
  public String labelOn(String host) {
    return host == null || host.isEmpty() ? label() : label() + " [" + host + "]";
  }

  /** The verification item whose text starts with {@code prefix}; a typo in a step's code fails loudly. */
  public String item(String prefix) {
    return items.stream().filter(i -> i.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(label() + " has no verification item \"" + prefix + "\""));
  }
}
