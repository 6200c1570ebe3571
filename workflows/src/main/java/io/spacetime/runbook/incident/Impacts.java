package io.spacetime.runbook.incident;

/** Each incident type's "Impact Assessment" (User Impact), as the runbook states it. */
final class Impacts {

  private Impacts() {}

  static String of(IncidentType type) {
    return switch (type) {
      case API_UNRESPONSIVE -> "Complete service outage: all users unable to access the service";
      case HIGH_ERROR_RATE -> "Requests failing: users see errors on the failing endpoints";
      case SLOW_RESPONSE -> "Degraded user experience, timeouts";
      case AUTH_FAILURES -> "Clients cannot authenticate: API requests refused";
      case SCENE_LOAD_FAILURES -> "Scenes do not load: the VR experience is unavailable";
      case MEMORY_LEAK -> "Gradually degrading service; crashes when memory runs out";
      case DISK_SPACE -> "Write operations failing; service degraded or failing";
    };
  }
}
