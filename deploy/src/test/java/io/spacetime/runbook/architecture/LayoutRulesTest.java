package io.spacetime.runbook.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule between the modules (README "Layout"), checked on the classes of every
 * module: a change that breaks it fails the build. Each module owns its package roots:
 *
 * <pre>
 * workflows   core, environment, lock, ports.., service, deployment.., rollback.., incident.., document..
 * connection  connection
 * activities  adapters..
 * worker      worker
 * starter     starter..
 * sandbox     sandbox..
 * cli         cli (the production command tree, the container image's)
 * deploy      devtools, demo, bench, coverage
 * </pre>
 */
class LayoutRulesTest {

  static final String ROOT = "io.spacetime.runbook.";
  static final String OURS = "io.spacetime.runbook..";
  static final String[] WORKFLOWS = packages("core..", "environment..", "lock..", "ports..", "service..",
      "deployment..", "rollback..", "incident..", "document..");
  static final String CONNECTION = ROOT + "connection..";
  static final String ADAPTERS = ROOT + "adapters..";
  static final String WORKER = ROOT + "worker..";
  static final String STARTER = ROOT + "starter..";
  static final String SANDBOX = ROOT + "sandbox..";
  static final String CLI = ROOT + "cli..";
  static final String[] DEPLOY = packages("devtools..", "demo..", "bench..", "coverage..");

  static JavaClasses classes;

  @BeforeAll
  static void importEveryModule() {
    // Jars too: in a full build the other modules are on the classpath as their packaged jars.
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.spacetime.runbook");
  }

  @Test
  void everyModuleIsChecked() {
    for (String name : List.of("deployment.DeploymentWorkflowImpl", "connection.TemporalConnection",
        "adapters.ssh.HostConnections", "worker.RunbookWorker", "starter.client.RunbookClient", "sandbox.Sandbox",
        "cli.RunbookCli", "devtools.DevCommands")) {
      assertTrue(classes.contain(ROOT + name), "the rules see " + name);
    }
  }

  @Test
  void workflowCodeDependsOnNothingElseOfOurs() {
    check(noClasses().that().resideInAnyPackage(WORKFLOWS).should().dependOnClassesThat()
        .resideInAnyPackage(all(new String[] {CONNECTION, ADAPTERS, WORKER, STARTER, SANDBOX, CLI}, DEPLOY))
        .because("workflows holds deterministic code only; adapters and processes depend on it, not the reverse"));
  }

  @Test
  void workflowCodeDoesNoIoAndReadsNoClock() {
    check(noClasses().that().resideInAnyPackage(WORKFLOWS).should().dependOnClassesThat()
        .resideInAnyPackage("java.net..", "java.nio.file..", "java.net.http..", "javax.net..", "java.util.concurrent..")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().callConstructor(java.util.Random.class)
        .because("workflow code is replayed: time, randomness and I/O come from Workflow.* and activities"));
  }

  @Test
  void theConnectionDependsOnNothingOfOurs() {
    check(noClasses().that().resideInAPackage(CONNECTION).should().dependOnClassesThat()
        .resideInAnyPackage(all(WORKFLOWS, new String[] {ADAPTERS, WORKER, STARTER, SANDBOX, CLI}, DEPLOY)));
  }

  @Test
  void adaptersDependOnTheWorkflowsPortsOnly() {
    check(noClasses().that().resideInAPackage(ADAPTERS).should().dependOnClassesThat()
        .resideInAnyPackage(all(new String[] {CONNECTION, WORKER, STARTER, SANDBOX, CLI}, DEPLOY)));
  }

  @Test
  void theWorkerDependsOnWorkflowsAdaptersAndTheConnectionOnly() {
    check(noClasses().that().resideInAPackage(WORKER).should().dependOnClassesThat()
        .resideInAnyPackage(all(new String[] {STARTER, SANDBOX, CLI}, DEPLOY)));
  }

  @Test
  void theStarterDependsOnWorkflowsAndTheConnectionOnly() {
    check(noClasses().that().resideInAPackage(STARTER).should().dependOnClassesThat()
        .resideInAnyPackage(all(new String[] {ADAPTERS, WORKER, SANDBOX, CLI}, DEPLOY)));
  }

  @Test
  void theSandboxDependsOnNothingElseOfOurs() {
    check(noClasses().that().resideInAPackage(SANDBOX).should().dependOnClassesThat(
            resideInAPackage(OURS).and(resideOutsideOfPackage(SANDBOX)))
        .because("the sandbox is the fixture the engine is tested against: sharing the engine's code (its"
            + " quoting, its input rules) would hide the engine's bugs behind the same bugs"));
  }

  @Test
  void onlyTheAssemblyDependsOnTheSandbox() {
    check(noClasses().that().resideOutsideOfPackages(all(new String[] {SANDBOX}, DEPLOY)).should()
        .dependOnClassesThat().resideInAPackage(SANDBOX)
        .because("the sandbox is never part of what runs in production; the demo, the bench and the"
            + " command tree reach it through deploy"));
  }

  @Test
  void theProductionCommandTreeNamesNeitherTheSandboxNorTheDevelopmentCommands() {
    check(noClasses().that().resideInAPackage(CLI).should().dependOnClassesThat()
        .resideInAnyPackage(all(new String[] {SANDBOX}, DEPLOY))
        .because("the container image carries the cli module without deploy or the sandbox: the demo, the bench,"
            + " the dev server and the sandbox join the tree through MoreCommands (ServiceLoader) only"));
  }

  @Test
  void noPackageCycles() {
    check(slices().matching("io.spacetime.runbook.(**)").should().beFreeOfCycles());
  }

  private static void check(ArchRule rule) {
    rule.check(classes);
  }

  private static String[] packages(String... names) {
    String[] out = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = ROOT + names[i];
    }
    return out;
  }

  private static String[] all(String[]... groups) {
    return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
