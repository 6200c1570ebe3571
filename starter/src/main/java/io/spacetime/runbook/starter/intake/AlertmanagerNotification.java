package io.spacetime.runbook.starter.intake;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body, version "4", as Debian's Alertmanager 0.25 sends it. Every
 * notification repeats the whole group, firing and resolved alerts alike; {@code truncatedAlerts}
 * counts the alerts left out by the receiver's {@code max_alerts}.
 */
record AlertmanagerNotification(String version, String groupKey, Integer truncatedAlerts, String status,
    String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
    Map<String, String> commonAnnotations, String externalURL, List<Alert> alerts) {

  AlertmanagerNotification {
    truncatedAlerts = truncatedAlerts == null ? 0 : truncatedAlerts;
    alerts = alerts == null ? List.of() : alerts;
  }

  /**
   * One alert of the group. {@code fingerprint} names its label set and repeats across episodes;
   * {@code startsAt} tells the episodes apart. A firing alert has {@code endsAt} 0001-01-01T00:00:00Z.
   */
  record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
      String endsAt, String generatorURL, String fingerprint) {

    Alert {
      labels = labels == null ? Map.of() : labels;
      annotations = annotations == null ? Map.of() : annotations;
    }
  }
}
