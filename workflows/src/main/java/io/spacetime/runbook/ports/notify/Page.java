package io.spacetime.runbook.ports.notify;

import java.util.Map;

/**
 * One PagerDuty Events v2 event about an incident.
 *
 * @param action {@code trigger}, {@code acknowledge} or {@code resolve}
 * @param dedupKey the incident's key (its workflow id), so every event of one incident is one alert
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param who the escalation level paged ("on-call engineer", "engineering manager"), for the summary
 */
public record Page(String action, String dedupKey, String summary, String severity, String source, String who,
    Map<String, String> details) {

  public static final String TRIGGER = "trigger";
  public static final String ACKNOWLEDGE = "acknowledge";
  public static final String RESOLVE = "resolve";

  public Page {
    who = who == null ? "" : who;
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
