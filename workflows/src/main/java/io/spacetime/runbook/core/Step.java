package io.spacetime.runbook.core;

/**
 * One numbered item of a runbook, named as the runbook names it ("1.1 Server Resources",
 * "Step 6: Service Health Checks") so an operator can find it on the page.
 */
public record Step(String id, String title) {

  /** "1.1 Server Resources". */
  public String label() {
    if (id.isEmpty()) {
      return title;
    }
    return id.startsWith("Step ") ? id + ": " + title : id + " " + title;
  }

  /** The label with the host it runs on: "Step 3: Deploy New Version [api-1]". */
  public String labelOn(String host) {
    return host == null || host.isEmpty() ? label() : label() + " [" + host + "]";
  }
}
