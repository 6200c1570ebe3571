package io.spacetime.runbook.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogues cannot drift from what the workflows record: every step constant of the workflow
 * packages is in a catalogue, and a step is made nowhere else but in a constant (or the few places
 * below that make one from a constant's parts or a run's own names).
 */
class StepCataloguesTest {

  private static final String[] WORKFLOW_PACKAGES = {
      "io.spacetime.runbook.deployment", "io.spacetime.runbook.rollback", "io.spacetime.runbook.incident"};
  /**
   * Where a step is made outside a constant: the incident scenario's step (from its own id and
   * title, which the catalogue takes from the same scenarios), a rollout's batch steps (named after
   * the run's own hosts: no runbook item), a runbook document's steps (made from the document, which
   * is its own catalogue), and the core's labels of recorded results.
   */
  private static final Set<String> MADE_ELSEWHERE = Set.of(
      "io.spacetime.runbook.incident.Scenario.step",
      "io.spacetime.runbook.deployment.Rollout.deployBatch",
      "io.spacetime.runbook.deployment.Rollout.pauseBefore",
      "io.spacetime.runbook.document.DocumentRun",
      "io.spacetime.runbook.core.StepResult",
      "io.spacetime.runbook.core.MarkdownReport");

  static JavaClasses classes;

  @BeforeAll
  static void importWorkflowCode() {
    // Only our classes are looked at: resolving the SDK's from the classpath too would take most of the time.
    ArchConfiguration config = ArchConfiguration.get();
    boolean resolving = config.resolveMissingDependenciesFromClassPath();
    config.setResolveMissingDependenciesFromClassPath(false);
    try {
      // The workflows module only (its classes directory or its jar): scanning the whole classpath
      // for the packages would take longer than the checks.
      classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importUrl(Step.class.getProtectionDomain().getCodeSource().getLocation());
    } finally {
      config.setResolveMissingDependenciesFromClassPath(resolving);
    }
  }

  @Test
  void theWorkflowsModuleIsImported() {
    assertThat(classes.contain("io.spacetime.runbook.deployment.DeploymentWorkflowImpl")).isTrue();
    assertThat(classes.contain("io.spacetime.runbook.incident.ApiUnresponsive")).isTrue();
  }

  @Test
  void everyStepConstantOfTheWorkflowsIsInACatalogue() throws IllegalAccessException {
    List<Step> catalogued = new EngineCatalogues().catalogues().stream().flatMap(c -> c.steps().stream()).toList();
    List<String> missing = new ArrayList<>();
    int constants = 0;
    for (JavaClass c : classes) {
      if (!c.getPackageName().startsWith(WORKFLOW_PACKAGES[0]) && !c.getPackageName().startsWith(WORKFLOW_PACKAGES[1])
          && !c.getPackageName().startsWith(WORKFLOW_PACKAGES[2])) {
        continue;
      }
      for (JavaField f : c.getFields()) {
        if (f.getRawType().isEquivalentTo(Step.class) && f.getModifiers().contains(JavaModifier.STATIC)) {
          Field field = f.reflect();
          field.setAccessible(true);
          constants++;
          if (!catalogued.contains((Step) field.get(null))) {
            missing.add(c.getSimpleName() + "." + f.getName());
          }
        }
      }
    }
    assertThat(constants).as("step constants found").isGreaterThan(60);
    assertThat(missing).as("step constants no catalogue lists").isEmpty();
  }

  @Test
  void aStepIsMadeInAConstantOrInOneOfTheKnownPlaces() {
    List<String> elsewhere = new ArrayList<>();
    for (JavaConstructorCall call : classes.get(Step.class).getConstructorCallsToSelf()) {
      String origin = call.getOriginOwner().getName() + "." + call.getOrigin().getName();
      boolean inConstant = call.getOrigin().getName().equals("<clinit>");
      boolean known = MADE_ELSEWHERE.contains(origin) || MADE_ELSEWHERE.contains(call.getOriginOwner().getName())
          || call.getOriginOwner().isEquivalentTo(Step.class);
      if (!inConstant && !known) {
        elsewhere.add(origin + " (" + call.getSourceCodeLocation() + ")");
      }
    }
    assertThat(elsewhere).as("steps made outside a constant: declare them as one and add them to the catalogue").isEmpty();
  }

  @Test
  void everyCatalogueNamesItsRunbookAndSteps() {
    for (StepCatalogue c : new EngineCatalogues().catalogues()) {
      assertThat(c.runbook()).as(c.procedure()).isIn("RUNBOOK_DEPLOYMENT.md", "RUNBOOK_INCIDENTS.md");
      assertThat(c.steps()).as(c.procedure()).isNotEmpty();
    }
  }
}
