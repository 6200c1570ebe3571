package io.spacetime.runbook.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The small pure pieces of a deployment run. */
class DeploymentTest {

  @Test
  void backupIdIsTheWorkflowIdMadeSafeAndTheRunIdsStart() {
    assertEquals("deploy-sandbox-v2.5.0-20251202-103000-5a10db35",
        Deployment.backupId("deploy-sandbox-v2.5.0-20251202-103000", "5a10db35-84d2-4a58-a122-67ca7cc784e5"));
    assertEquals("deploy_from_UI__1-5a10db35", Deployment.backupId("deploy from/UI #1", "5a10db35-84d2"));
  }

  @Test
  void sceneLoadBodyIsJsonWhateverThePath() {
    assertEquals("{\"scene_path\": \"res://vr_main.tscn\"}", HostDeployment.sceneLoadBody("res://vr_main.tscn"));
    assertEquals("{\"scene_path\": \"res://a \\\"b\\\"\\\\c.tscn\"}", HostDeployment.sceneLoadBody("res://a \"b\"\\c.tscn"));
  }
}
