package io.spacetime.runbook.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.spacetime.runbook.coverage.RunbookItem.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser reads as a runbook's items, on the shapes the runbooks use. */
class MarkdownRunbookTest {

  private static final String PAGE = """
      # Runbook

      ## Table of Contents
      1. [Overview](#overview)

      ## Checklist
      ### 1. Environment
      #### 1.1 Server Resources
      ```bash
      # 2.1 Not A Heading: a comment in a script
      df -h
      ```
      **Verification Steps:**
      - [ ] Disk space >= 20GB free
      - [x] Memory >= 8GB
        available
      - a plain bullet is no item

      ### Incident 1: API Down
      **Step 1: Verify Issue Scope (2 minutes)**

      **Scenario A: Service Crashed/Stopped**
      #### Verification Steps
      ```bash
      # 1. Service responds
      curl -s localhost:8080/status
      ```
      ### Emergency Rollback Procedure
      ```bash
      # Step 1: Stop current service
      ```
      ### Extended Validation (30 minutes - 2 hours)
      ### Database Integrity (if applicable)
      1. **Prevention:** an ordered list is no step
      """;

  @Test
  void readsNumberedStepsProceduresScenariosAndVerificationItemsWithTheirLines() {
    List<RunbookItem> items = MarkdownRunbook.parse("R.md", PAGE);

    assertThat(items).extracting(RunbookItem::line, RunbookItem::kind, RunbookItem::label).containsExactly(
        tuple(7, Kind.PROCEDURE, "1. Environment"),
        tuple(8, Kind.STEP, "1.1 Server Resources"),
        tuple(14, Kind.CHECK, "Disk space >= 20GB free"),
        tuple(15, Kind.CHECK, "Memory >= 8GB available"),
        tuple(19, Kind.PROCEDURE, "Incident 1: API Down"),
        tuple(20, Kind.STEP, "Step 1: Verify Issue Scope"),
        tuple(22, Kind.SCENARIO, "Scenario A: Service Crashed/Stopped"),
        tuple(25, Kind.CHECK, "1. Service responds"),
        tuple(28, Kind.PROCEDURE, "Emergency Rollback Procedure"),
        tuple(30, Kind.STEP, "Step 1: Stop current service"));
  }

  @Test
  void anItemKnowsTheHeadingsItIsUnderWithoutTheirDurations() {
    List<RunbookItem> items = MarkdownRunbook.parse("R.md", PAGE);

    assertThat(items.get(2).headings()).containsExactly("Runbook", "Checklist", "1. Environment", "1.1 Server Resources");
    assertThat(items.get(7).headings()).containsExactly("Runbook", "Checklist", "Incident 1: API Down", "Verification Steps");
    assertThat(MarkdownRunbook.label("Extended Validation (30 minutes - 2 hours)")).isEqualTo("Extended Validation");
    assertThat(MarkdownRunbook.label("Database Integrity (if applicable)")).isEqualTo("Database Integrity (if applicable)");
    assertThat(MarkdownRunbook.label("Verification Steps:")).isEqualTo("Verification Steps");
  }
}
