package io.spacetime.runbook.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.spacetime.runbook.cli.RunbookCli;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.coverage.Mapping.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The drift check on the real runbooks (../shared/runbooks beside the project): today's pass, and an
 * edit the engine does not follow fails, on a copy in a temporary directory.
 */
class RunbookCoverageTest {

  /** The project's runbooks: {@code ../shared/runbooks} beside the project (tests run in deploy/). */
  static final Path RUNBOOKS = Path.of("").toAbsolutePath().getParent().resolve("../shared/runbooks").normalize();
  /** The project's shipped runbook documents (tests run in deploy/). */
  static final Path DOCUMENTS = Path.of("").toAbsolutePath().getParent().resolve("runbooks");
  static final String DEPLOYMENT = "RUNBOOK_DEPLOYMENT.md";
  static final String INCIDENTS = "RUNBOOK_INCIDENTS.md";

  @TempDir Path copy;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void everyItemOfTodaysRunbooksIsImplementedOrDeliberatelyNotChecked() {
    Coverage.Result result = CoverageCheck.run(RUNBOOKS, List.of(new EngineCatalogues()));

    assertThat(result.mappings().stream().filter(m -> m.status() == Status.MISSING).map(Mapping::item)).isEmpty();
    assertThat(result.stale()).isEmpty();
    assertThat(result.complete()).isTrue();
    // Both runbooks were read, with every kind of item.
    assertThat(result.mappings()).extracting(m -> m.item().runbook()).contains(DEPLOYMENT, INCIDENTS);
    assertThat(result.mappings()).extracting(m -> m.item().kind()).contains(RunbookItem.Kind.values());
    assertThat(result.count(Status.IMPLEMENTED)).isGreaterThan(result.count(Status.NOT_CHECKED));
  }

  @Test
  void theCommandPrintsATableIn80ColumnsAndExits0() {
    assertThat(run("runbooks", "coverage", "--runbooks", RUNBOOKS.toString(), "--documents", DOCUMENTS.toString())).isEqualTo(0);
    String table = out.toString();
    assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(table).containsPattern("\\n +\\d+  step   1\\.1 Server Resources +deployment: 1\\.1 Server\\n")
        .containsPattern("Scenario C: Load Balancer Issue +not checked: registering\\n")
        .containsPattern("1\\. Service responds +incident api-unresponsive:\\n")
        .contains("coverage: every runbook item is implemented or deliberately not checked")
        // Then each shipped document against the Markdown it cites.
        .contains("runbooks/troubleshooting-quick-check.yaml: INDEX.md, section \"Troubleshooting\n")
        .containsPattern("2\\. Quick checks: service, API, +troubleshooting-quick-check:\n +resources +steps 2 service,")
        .containsPattern("documents: each of \\d+ follows the Markdown it cites\n");
  }

  @Test
  void aStepAddedToACopyOfTheDeploymentRunbookIsMissingAndFailsTheCheck() throws IOException {
    copyRunbooks();
    insertBefore(DEPLOYMENT, "## Post-Deployment Validation", """
        ### Step 11: Announce in the Newsletter
        ```bash
        mail -s "released" all@company.com
        ```

        """);

    Coverage.Result result = CoverageCheck.run(copy, List.of(new EngineCatalogues()));

    assertThat(result.complete()).isFalse();
    assertThat(result.mappings()).filteredOn(m -> m.status() == Status.MISSING).singleElement()
        .satisfies(m -> {
          assertThat(m.item().label()).isEqualTo("Step 11: Announce in the Newsletter");
          assertThat(m.item().kind()).isEqualTo(RunbookItem.Kind.STEP);
          assertThat(m.item().runbook()).isEqualTo(DEPLOYMENT);
        });
    assertThat(run("runbooks", "coverage", "--runbooks", copy.toString(), "--documents", DOCUMENTS.toString())).isEqualTo(1);
    assertThat(out.toString()).containsPattern("step   Step 11: Announce in the Newsletter +MISSING")
        .contains("1 MISSING").contains("coverage: FAILED, 1 item(s) MISSING");
  }

  @Test
  void aVerificationItemAddedToAnIncidentIsMissing() throws IOException {
    copyRunbooks();
    // Incident 7's Verification Steps script gains a sixth item.
    insertBefore(INCIDENTS, "# 5. Monitor for 1 hour", "# 6. Backups still run\n");

    Coverage.Result result = CoverageCheck.run(copy, List.of(new EngineCatalogues()));

    assertThat(result.mappings()).filteredOn(m -> m.status() == Status.MISSING).singleElement()
        .satisfies(m -> {
          assertThat(m.item().label()).isEqualTo("6. Backups still run");
          assertThat(m.item().kind()).isEqualTo(RunbookItem.Kind.CHECK);
          assertThat(m.item().headings()).contains("Incident 7: Disk Space Exhaustion");
        });
  }

  @Test
  void aRenamedHeadingLeavesItsNotCheckedEntryStaleAndFailsTheCheck() throws IOException {
    copyRunbooks();
    Path file = copy.resolve(DEPLOYMENT);
    Files.writeString(file, Files.readString(file).replace("### Full Validation (2-24 hours)", "### Day-After Checks"));

    Coverage.Result result = CoverageCheck.run(copy, List.of(new EngineCatalogues()));

    assertThat(result.stale()).containsExactly("deployment: \"Full Validation\" matches no item of " + DEPLOYMENT);
    assertThat(result.mappings()).filteredOn(m -> m.status() == Status.MISSING)
        .extracting(m -> m.item().label()).contains("Daily backup completed", "User-reported issues < 3");
    assertThat(result.complete()).isFalse();
  }

  @Test
  void aDirectoryWithoutTheRunbooksIsBadUsageNamingTheOption() {
    assertThat(run("runbooks", "coverage", "--runbooks", copy.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--runbooks " + copy + " has no RUNBOOK_DEPLOYMENT.md");
    assertThat(run("runbooks", "coverage", "--runbooks", copy.resolve("nowhere").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("is not a directory");
  }

  @Test
  void anotherCatalogueSourcePlugsInWithTheRunbookItCites() throws IOException {
    // What a declarative runbook document will give: steps with an id and a title from the page it cites.
    copyRunbooks();
    Files.writeString(copy.resolve("RUNBOOK_OPERATIONS.md"), """
        # Operations Runbook
        ## Daily Morning Check
        ### Step 1: Overnight Incidents
        ### Step 2: Service Health
        - [ ] Every host answers ready
        ### Step 3: Error Lines
        """);
    CatalogueSource documents = new CatalogueSource() {
      @Override
      public String describe() {
        return "a runbook document";
      }

      @Override
      public List<StepCatalogue> catalogues() {
        return List.of(new StepCatalogue("daily-morning-check", "RUNBOOK_OPERATIONS.md", "Daily Morning Check",
            List.of(new Step("Step 1", "Overnight Incidents"),
                new Step("Step 2", "Service Health", List.of("Every host answers ready"))),
            List.of(), List.of(StepCatalogue.notChecked("Step 3: Error Lines", "not in this document yet"))));
      }
    };

    Coverage.Result result = CoverageCheck.run(copy, List.of(new EngineCatalogues(), documents));

    assertThat(result.complete()).isTrue();
    assertThat(result.mappings()).filteredOn(m -> m.item().runbook().equals("RUNBOOK_OPERATIONS.md"))
        .extracting(m -> m.item().label() + " = " + m.cell()).containsExactly(
            "Step 1: Overnight Incidents = daily-morning-check: Step 1: Overnight Incidents",
            "Step 2: Service Health = daily-morning-check: Step 2: Service Health",
            "Every host answers ready = daily-morning-check: Step 2: Service Health",
            "Step 3: Error Lines = not checked: not in this document yet");
  }

  private void copyRunbooks() throws IOException {
    for (String name : List.of(DEPLOYMENT, INCIDENTS)) {
      Files.copy(RUNBOOKS.resolve(name), copy.resolve(name));
    }
  }

  private void insertBefore(String runbook, String marker, String text) throws IOException {
    Path file = copy.resolve(runbook);
    String markdown = Files.readString(file);
    assertThat(markdown).contains(marker);
    Files.writeString(file, markdown.replaceFirst(java.util.regex.Pattern.quote(marker),
        java.util.regex.Matcher.quoteReplacement(text + marker)));
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = RunbookCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
