package io.spacetime.runbook.document;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import java.util.List;

/**
 * The hosts a step runs on: {@code all} (inventory order), {@code one} (the first), or a group of
 * the environment file's {@code groups}. A group the environment lacks fails the step: the document
 * is written for environments that have it.
 */
final class HostSelection {

  private HostSelection() {}

  static List<Host> of(Environment env, String on) {
    if (on.isEmpty() || on.equals("all")) {
      return env.hosts();
    }
    if (on.equals("one")) {
      return env.hosts().subList(0, 1);
    }
    List<String> members = env.groups().get(on);
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("environment " + env.name() + " has no host group \"" + on + "\" (its groups: "
          + (env.groups().isEmpty() ? "none" : String.join(", ", env.groups().keySet())) + "); add it under groups"
          + " in environments/" + env.name() + ".yaml or run the step on all or one");
    }
    return members.stream().map(env::host).toList();
  }
}
