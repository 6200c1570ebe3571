package io.spacetime.runbook.adapters.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.document.RunbookDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every way a document is refused, each with the message an author reads: file, line, field and
 * what is accepted. The schema's refusals first, then the document rules'.
 */
class DocumentReaderTest {

  static final String FILE = "runbooks/t.yaml";

  static final String HEAD = """
      name: t
      description: a test document
      parameters:
        reason:
          type: string
          pattern: "[a-z ]{1,20}"
      steps:
      """;

  static List<String> problems(String steps) {
    return DocumentReader.read(FILE, "t", HEAD + steps).problems().stream().map(DocumentProblem::toString).toList();
  }

  static void assertOneProblem(String expected, String steps) {
    List<String> problems = problems(steps);
    assertEquals(List.of(expected), problems);
  }

  @Test
  void aValidDocumentIsReadIntoTheModel() {
    DocumentReader.Reading reading = DocumentReader.read(FILE, "t", HEAD + """
          - id: "1"
            title: Write
            run: {command: "echo {reason} > {deployRoot}/x", on: one}
            undo: {command: "rm -f {deployRoot}/x"}
          - id: "2"
            title: Judge
            check: {of: "1", exitCode: 0, value: {pattern: "([0-9]+)%", unit: "%", max: 90}}
            onFailure: abort
          - id: "3"
            title: Wait
            wait: {duration: 5m}
      """);
    assertEquals(List.of(), reading.problems());
    RunbookDocument d = reading.document();
    assertEquals("one", d.steps().get(0).run().on());
    assertEquals("rm -f {deployRoot}/x", d.steps().get(0).undo().command());
    assertEquals(90.0, d.steps().get(1).check().value().max());
    assertEquals("abort", d.steps().get(1).onFailure());
    assertEquals("rollback", d.steps().get(0).onFailure());
    assertEquals("5m", d.steps().get(2).pause().duration());
  }

  @Test
  void anUnknownFieldIsRefusedWithItsLine() {
    assertOneProblem(FILE + ":11: steps[0].run.comand: property 'comand' is not defined in the schema and the schema"
        + " does not allow additional properties", """
          - id: "1"
            title: Write
            run:
              comand: "echo hi"
              command: "echo hi"
      """);
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    List<String> problems = problems("""
          - id: "1"
            run: {command: "echo hi"}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":8: steps[0]: ") && problems.get(0).contains("title"), problems.get(0));
  }

  @Test
  void aWrongEnumValueIsRefused() {
    List<String> problems = problems("""
          - id: "1"
            title: Write
            run: {command: "echo hi"}
            onFailure: retry
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":11: steps[0].onFailure: "), problems.get(0));
    assertTrue(problems.get(0).contains("rollback"), problems.get(0));
  }

  @Test
  void aDurationMustHaveAUnit() {
    List<String> problems = problems("""
          - id: "1"
            title: Wait
            wait: {duration: "10"}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":10: steps[0].wait.duration: "), problems.get(0));
  }

  @Test
  void aStepWithTwoActionsIsRefused() {
    assertOneProblem(FILE + ":8: steps[0]: has 2 actions (run, wait); exactly one of run, http, check, approve, wait,"
        + " notify, incident, runbook, incidents, prometheus, note, elapsed is required", """
          - id: "1"
            title: Two
            run: {command: "echo hi"}
            wait: {duration: 1m}
      """);
  }

  @Test
  void aParameterInsideQuotesIsRefusedAsSpliced() {
    assertOneProblem(FILE + ":10: steps[0].run.command: {reason} is inside quotes: a value is inserted as one quoted"
        + " word of its own, and inside other quotes it would be spliced into them; write it outside any quotes (echo"
        + " {reason}, not echo '{reason}')", """
          - id: "1"
            title: Write
            run: {command: "echo '{reason}' > /tmp/x"}
      """);
    assertEquals(1, problems("""
          - id: "1"
            title: Write
            run: {command: "echo \\"note: {reason}\\""}
      """).size());
  }

  @Test
  void anUndeclaredPlaceholderIsRefused() {
    assertOneProblem(FILE + ":10: steps[0].run.command: {verison} is not a declared parameter (declared: reason) nor"
        + " one of {host}, {serviceAddress}, {deployRoot}, {serviceStart}, {serviceStop}, {serviceIsActive}", """
          - id: "1"
            title: Write
            run: {command: "echo {verison}"}
      """);
  }

  @Test
  void bracesInsideTheAuthorsOwnQuotesAreShellNotPlaceholders() {
    assertEquals(List.of(), problems("""
          - id: "1"
            title: Count
            run: {command: "awk '{print $1}' /proc/loadavg"}
      """));
  }

  @Test
  void undoOnlyOnARunStep() {
    assertOneProblem(FILE + ":11: steps[0].undo: only a run step changes something to undo (this step is wait)", """
          - id: "1"
            title: Wait
            wait: {duration: 1m}
            undo: {command: "echo undone"}
      """);
  }

  @Test
  void aCheckJudgesAnEarlierRunStep() {
    assertOneProblem(FILE + ":10: steps[0].check.of: \"2\" is not the id of an earlier run step (a check judges the"
        + " evidence of a command that ran before it)", """
          - id: "1"
            title: Judge
            check: {of: "2", exitCode: 0}
          - id: "2"
            title: Run
            run: {command: "true"}
      """);
  }

  @Test
  void aValueCheckNeedsAGroupAroundTheNumber() {
    assertOneProblem(FILE + ":13: steps[1].check.value.pattern: needs a group in parentheses around the number to read,"
        + " e.g. \"([0-9.]+)%\"", """
          - id: "1"
            title: Run
            run: {command: "df -P /"}
          - id: "2"
            title: Judge
            check: {of: "1", value: {pattern: "[0-9]+%", max: 90}}
      """);
  }

  @Test
  void duplicateStepIdsAreRefused() {
    assertOneProblem(FILE + ":11: steps[1].id: \"1\" is the id of an earlier step; ids must be unique", """
          - id: "1"
            title: Run
            run: {command: "true"}
          - id: "1"
            title: Again
            run: {command: "true"}
      """);
  }

  @Test
  void aStringParameterNeedsAnAllowList() {
    List<String> problems = DocumentReader.read(FILE, "t", """
        name: t
        description: d
        parameters:
          free:
            type: string
        steps:
          - {id: "1", title: Run, run: {command: "echo {free}"}}
        """).problems().stream().map(DocumentProblem::toString).toList();
    assertEquals(List.of(FILE + ":5: parameters.free: a string parameter needs a pattern: the allow-list its values"
        + " must match (e.g. \"[a-z0-9-]{1,40}\")"), problems);
  }

  @Test
  void aDefaultMustPassItsOwnAllowList() {
    List<String> problems = DocumentReader.read(FILE, "t", """
        name: t
        description: d
        parameters:
          count:
            type: integer
            minimum: 1
            maximum: 5
            default: 9
        steps:
          - {id: "1", title: Run, run: {command: "seq {count}"}}
        """).problems().stream().map(DocumentProblem::toString).toList();
    assertEquals(List.of(FILE + ":8: parameters.count.default: \"9\" is not an integer >= 1 <= 5"), problems);
  }

  @Test
  void theNameMustBeTheFilesName() {
    List<String> problems = DocumentReader.read("runbooks/other.yaml", "other", HEAD + """
          - {id: "1", title: Run, run: {command: "true"}}
      """).problems().stream().map(DocumentProblem::toString).toList();
    assertEquals(List.of("runbooks/other.yaml:1: name: \"t\" is not the file's name: runbooks/other.yaml must be named"
        + " \"other\" (a run names the document by its file)"), problems);
  }

  @Test
  void notYamlIsSaidSo() {
    List<DocumentProblem> problems = DocumentReader.read(FILE, "t", "name: [unclosed").problems();
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).toString().startsWith(FILE + ": is not YAML: "), problems.get(0).toString());
  }

  @Test
  void duplicateKeysAreRefused() {
    List<DocumentProblem> problems = DocumentReader.read(FILE, "t", HEAD.replace("description: a test document",
        "description: a\ndescription: b") + "  - {id: \"1\", title: Run, run: {command: \"true\"}}\n").problems();
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).message().contains("description"), problems.get(0).toString());
  }

  @Test
  void onFailureIncidentNeedsTheIncidentType() {
    assertOneProblem(FILE + ":11: steps[0].onFailure: incident needs incidentType: the incident type a failure of"
        + " this step opens (e.g. incidentType: disk-space)", """
          - id: "1"
            title: Run
            run: {command: "true"}
            onFailure: incident
      """);
    List<String> problems = problems("""
          - id: "1"
            title: Report
            incident: {type: disk-full, summary: "{reason}"}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":10: steps[0].incident.type: "), problems.get(0));
  }

  @Test
  void aChildRunbookIsOneOfDeploymentRollbackOrDocumentAndNeverItself() {
    assertOneProblem(FILE + ":10: steps[0].runbook.document.name: \"t\" is this document: a document cannot run"
        + " itself", """
          - id: "1"
            title: Again
            runbook: {document: {name: t, parameters: {reason: "{reason}"}}}
      """);
    List<String> problems = problems("""
          - id: "1"
            title: Both
            runbook: {deployment: {version: v2.5.0}, rollback: {reason: why}}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":10: steps[0].runbook: "), problems.get(0));
    assertEquals(List.of(), problems("""
          - id: "1"
            title: Deploy
            runbook: {deployment: {version: v2.5.0, watch: "off"}}
      """));
  }

  @Test
  void theOperationsActionsAreReadIntoTheModel() {
    DocumentReader.Reading reading = DocumentReader.read(FILE, "t", HEAD + """
          - id: "1"
            title: Overnight
            incidents: {openedWithin: 24h, stillOpen: true, max: 0}
          - id: "2"
            title: Error rate
            prometheus: {metric: errorRate, max: 0.01}
          - id: "3"
            title: Own query
            prometheus: {query: "up", min: 1, unit: " targets"}
          - id: "4"
            title: Handoff
            note: {prompt: "read the notes", timeout: 2h, onTimeout: skip}
      """);
    assertEquals(List.of(), reading.problems());
    RunbookDocument d = reading.document();
    assertEquals("24h", d.steps().get(0).incidents().openedWithin());
    assertEquals(0, d.steps().get(0).incidents().max());
    assertEquals("errorRate", d.steps().get(1).prometheus().metric());
    assertEquals(1.0, d.steps().get(2).prometheus().min());
    assertEquals("skip", d.steps().get(3).note().onTimeout());
    assertEquals("note", d.steps().get(3).action());
  }

  @Test
  void anIncidentsStepNeedsABound() {
    assertOneProblem(FILE + ":10: steps[0].incidents: needs openedWithin (e.g. 24h: the incidents opened that recently)"
        + " or stillOpen: true (those still open), or both", """
          - id: "1"
            title: History
            incidents: {max: 3}
      """);
  }

  @Test
  void anIncidentsMaxIsACount() {
    List<String> problems = problems("""
          - id: "1"
            title: History
            incidents: {stillOpen: true, max: -1}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":10: steps[0].incidents.max: "), problems.get(0));
  }

  @Test
  void aPrometheusStepNeedsExactlyOneQuery() {
    assertOneProblem(FILE + ":10: steps[0].prometheus: needs exactly one of metric (errorRate or p95: the environment's"
        + " configured query) and query (PromQL of its own)", """
          - id: "1"
            title: Both
            prometheus: {metric: p95, query: "up", max: 1}
      """);
  }

  @Test
  void aPrometheusStepNeedsALimitAndAKnownMetric() {
    List<String> noLimit = problems("""
          - id: "1"
            title: No limit
            prometheus: {metric: p95}
      """);
    // The schema's anyOf says both ways out: a max or a min.
    assertEquals(List.of(FILE + ":10: steps[0].prometheus: required property 'max' not found",
        FILE + ":10: steps[0].prometheus: required property 'min' not found"), noLimit);
    List<String> unknown = problems("""
          - id: "1"
            title: Unknown metric
            prometheus: {metric: p99, max: 1}
      """);
    assertEquals(1, unknown.size(), unknown.toString());
    assertTrue(unknown.get(0).startsWith(FILE + ":10: steps[0].prometheus.metric: "), unknown.get(0));
  }

  @Test
  void aPrometheusMinAboveItsMaxIsRefused() {
    assertOneProblem(FILE + ":10: steps[0].prometheus.min: min 2.0 is above max 1.0", """
          - id: "1"
            title: Inverted
            prometheus: {query: "up", min: 2, max: 1}
      """);
  }

  @Test
  void aNoteStepNeedsATimeoutAndAKnownOnTimeout() {
    List<String> noTimeout = problems("""
          - id: "1"
            title: Handoff
            note: {prompt: "read the notes"}
      """);
    assertEquals(1, noTimeout.size(), noTimeout.toString());
    assertTrue(noTimeout.get(0).startsWith(FILE + ":10: steps[0].note: "), noTimeout.get(0));
    assertTrue(noTimeout.get(0).contains("timeout"), noTimeout.get(0));
    List<String> badOnTimeout = problems("""
          - id: "1"
            title: Handoff
            note: {timeout: 1h, onTimeout: approve}
      """);
    assertEquals(1, badOnTimeout.size(), badOnTimeout.toString());
    assertTrue(badOnTimeout.get(0).startsWith(FILE + ":10: steps[0].note.onTimeout: "), badOnTimeout.get(0));
  }

  @Test
  void aNotePromptUsesOnlyDeclaredParameters() {
    assertOneProblem(FILE + ":10: steps[0].note.prompt: {shift} is not a declared parameter (declared: reason)", """
          - id: "1"
            title: Handoff
            note: {prompt: "notes of {shift}", timeout: 1h}
      """);
  }

  /** Every document the project ships passes (the top-level runbooks/ folder). */
  @Test
  void everyShippedDocumentIsValid() throws Exception {
    Path dir = Path.of("..", "runbooks");
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no documents in " + dir.toAbsolutePath());
    assertTrue(files.stream().map(f -> f.getFileName().toString()).toList().containsAll(List.of(
        "operations-daily-check.yaml", "oncall-shift-start.yaml", "troubleshooting-quick-check.yaml")), files.toString());
    for (Path file : files) {
      String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      assertEquals(List.of(), DocumentReader.read("runbooks/" + name + ".yaml", name, Files.readString(file)).problems());
    }
  }

  @Test
  void anElapsedStepMeasuresFromAnEarlierStep() {
    assertOneProblem(FILE + ":13: steps[1].elapsed.since: \"Restore\" is not the id of an earlier step (the time is"
        + " measured from the moment that step began)", """
          - id: "1"
            title: Run
            run: {command: "true"}
          - id: "RTO"
            title: Within 15 minutes
            elapsed: {since: Restore, maxSeconds: 900}
      """);
    List<String> problems = problems("""
          - id: "RTO"
            title: Within 15 minutes
            elapsed: {since: RTO, maxSecond: 900}
      """);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(FILE + ":10: steps[0].elapsed.maxSecond: ")), problems.toString());
  }

  @Test
  void aWaitUntilNeedsAnInstantOrAStringParameter() {
    assertOneProblem(FILE + ":10: steps[0].wait.until: \"tomorrow\" is neither an instant like 2026-12-03T10:00:00Z"
        + " nor one {param}", """
          - id: "1"
            title: Wait
            wait: {until: tomorrow, before: 24h}
      """);
    assertOneProblem(FILE + ":10: steps[0].wait.until: {startAt} is not a declared string parameter (declared:"
        + " reason)", """
          - id: "1"
            title: Wait
            wait: {until: "{startAt}"}
      """);
    assertOneProblem(FILE + ":10: steps[0].wait: needs exactly one of duration (45s, 10m, 2h) and until (an instant,"
        + " or {param} holding one)", """
          - id: "1"
            title: Wait
            wait: {duration: 10m, until: "2026-12-03T10:00:00Z"}
      """);
    assertOneProblem(FILE + ":10: steps[0].wait.before: is used only with until (the wait ends that long before the"
        + " instant)", """
          - id: "1"
            title: Wait
            wait: {duration: 10m, before: 1h}
      """);
    assertEquals(List.of(), problems("""
          - id: "1"
            title: Wait
            wait: {until: "2026-12-03T10:00:00Z", before: 24h}
      """));
  }

  @Test
  void anAlertIsANameInCapitalsAndIncidentTypeNeedsAStoppingOrIncidentOnFailure() {
    List<String> problems = problems("""
          - id: "1"
            title: Run
            run: {command: "true"}
            alert: backup failed
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":11: steps[0].alert: "), problems.get(0));
    assertOneProblem(FILE + ":12: steps[0].incidentType: with onFailure: continue no incident is opened; write"
        + " onFailure: incident (open it and go on), or rollback / abort (open it and stop)", """
          - id: "1"
            title: Run
            run: {command: "true"}
            onFailure: continue
            incidentType: disk-space
      """);
    assertEquals(List.of(), problems("""
          - id: "1"
            title: Run
            run: {command: "true"}
            alert: BACKUP_FAILED
            incidentType: disk-space
            onFailure: abort
      """));
  }

  @Test
  void anHttpRetryForIsADuration() {
    List<String> problems = problems("""
          - id: "1"
            title: Ready
            http: {url: "https://example.com/status", retryFor: 2 minutes}
      """);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(FILE + ":10: steps[0].http.retryFor: "), problems.get(0));
  }

  @Test
  void theServiceCommandsAreKnownPlaceholdersNeverInsideQuotes() {
    assertEquals(List.of(), problems("""
          - id: "1"
            title: Restart
            run: {command: "{serviceStop} && {serviceStart}"}
      """));
    assertOneProblem(FILE + ":10: steps[0].run.command: {serviceStart} is inside quotes: a value is inserted as one"
        + " quoted word of its own, and inside other quotes it would be spliced into them; write it outside any quotes"
        + " (echo {serviceStart}, not echo '{serviceStart}')", """
          - id: "1"
            title: Restart
            run: {command: "sh -c \\"{serviceStart}\\""}
      """);
  }

}
