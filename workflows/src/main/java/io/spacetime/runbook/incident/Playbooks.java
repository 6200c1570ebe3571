package io.spacetime.runbook.incident;

/** The playbook of each of the runbook's seven incident types. */
final class Playbooks {

  private Playbooks() {}

  static Playbook of(IncidentType type) {
    return switch (type) {
      case API_UNRESPONSIVE -> new ApiUnresponsive();
      case HIGH_ERROR_RATE -> new HighErrorRate();
      case SLOW_RESPONSE -> new SlowResponse();
      case AUTH_FAILURES -> new AuthFailures();
      case SCENE_LOAD_FAILURES -> new SceneLoadFailures();
      case MEMORY_LEAK -> new MemoryLeak();
      case DISK_SPACE -> new DiskSpace();
    };
  }
}
