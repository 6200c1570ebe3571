package io.spacetime.runbook.incident;

import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the incident histories the replay test replays (beside the deployment ones):
 *
 * <pre>mvn -pl workflows test -Dtest=IncidentHistoryRecording -Drunbook.recordHistories=true</pre>
 */
@EnabledIfSystemProperty(named = "runbook.recordHistories", matches = "true")
class IncidentHistoryRecording {

  static final Path DIR = Path.of("src/test/resources/histories");
  static final String VERSION = "v1";

  final FakeIncidentWorld world = new FakeIncidentWorld();
  @RegisterExtension final IncidentTestbed testbed = new IncidentTestbed(world);

  static IncidentRequest request(String type, String severity) {
    return new IncidentRequest(type, "sandbox", "alert fired", severity, "alertmanager", "3f2a9c1d0e4b5a67",
        Map.of("alertname", "ApiDown"), List.of());
  }

  static AlertOccurrence firing(String episode) {
    return new AlertOccurrence("firing", "3f2a9c1d0e4b5a67", episode, "alert", "alertmanager", Map.of(), "");
  }

  @Test
  void crashedServiceRestartedAcknowledgedReopenedAndResolved() throws Exception {
    world.host("api-1").active = false;
    IncidentWorkflow run = testbed.open(request("api-unresponsive", ""), firing("e1"));
    testbed.sleep(Duration.ofMinutes(7));
    run.acknowledge(new Acknowledgement("olivia"));
    run.addNote(new Note("olivia", "kernel update"));
    run.resolve(new Resolution("olivia", "restarted", "crash"));
    testbed.sleep(Duration.ofMinutes(5));
    world.host("api-1").active = false;
    testbed.open(request("api-unresponsive", ""), firing("e2"));
    testbed.sleep(Duration.ofMinutes(2));
    run.resolve(new Resolution("olivia", "restarted again", "crash loop"));
    WorkflowStub.fromTyped(run).getResult(IncidentResult.class);
    save("incident-reopened-resolved", IncidentKey.of(request("api-unresponsive", "")));
  }

  @Test
  void portConflictApprovedThenResolved() throws Exception {
    world.host("api-1").active = false;
    world.host("api-1").foreignPid = 999;
    IncidentWorkflow run = testbed.open(request("api-unresponsive", "P1"), firing("e1"));
    testbed.sleep(Duration.ofMinutes(1));
    run.approve(new Decision("kill-port-holder@api-1", "olivia", "stray server"));
    testbed.sleep(Duration.ofMinutes(40));
    run.setSeverity(new SeverityChange("P2", "olivia", "contained"));
    run.resolve(new Resolution("olivia", "freed the port", "debug server left running"));
    WorkflowStub.fromTyped(run).getResult(IncidentResult.class);
    save("incident-approved-resolved", IncidentKey.of(request("api-unresponsive", "")));
  }

  @Test
  void diskCleanedWithTimedOutApproval() throws Exception {
    world.all(h -> {
      h.diskPercent = 96;
      h.oldLogs = false;
    });
    IncidentWorkflow run = testbed.open(request("disk-space", ""), firing("e1"));
    testbed.sleep(Duration.ofMinutes(70));
    run.resolve(new Resolution("olivia", "expanded the volume", "backups piled up"));
    WorkflowStub.fromTyped(run).getResult(IncidentResult.class);
    save("incident-approval-timed-out", IncidentKey.of(request("disk-space", "")));
  }

  private void save(String name, String workflowId) throws Exception {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name + "-" + VERSION + ".json"), testbed.client().fetchHistory(workflowId).toJson(true));
  }
}
