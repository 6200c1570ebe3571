package io.spacetime.runbook.adapters.document;

import io.spacetime.runbook.adapters.hosts.DocumentCommandsImpl;
import io.spacetime.runbook.document.CheckAction;
import io.spacetime.runbook.document.DocumentParameter;
import io.spacetime.runbook.document.DocumentStep;
import io.spacetime.runbook.document.ElapsedAction;
import io.spacetime.runbook.document.HttpAction;
import io.spacetime.runbook.document.IncidentsAction;
import io.spacetime.runbook.document.ParameterValues;
import io.spacetime.runbook.document.PrometheusAction;
import io.spacetime.runbook.document.RunbookDocument;
import io.spacetime.runbook.document.WaitAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the schema cannot say: one action per step, unique step ids, undo only where something
 * changes, checks over earlier run steps, every placeholder declared and never inside quotes,
 * parameter allow-lists that compile and accept their defaults, regular expressions that compile.
 */
final class DocumentRules {

  /** What every host command may use besides the document's parameters. */
  static final Set<String> HOST_PLACEHOLDERS = Set.of("host", "serviceAddress", "deployRoot");
  /** The environment file's service commands, each put in as the operator wrote it (in a subshell). */
  static final Set<String> SERVICE_PLACEHOLDERS = DocumentCommandsImpl.SERVICE_COMMANDS;
  static final Set<String> URL_PLACEHOLDERS = Set.of("apiUrl", "statusUrl");

  private final String file;
  private final DocumentTree tree;
  private final RunbookDocument document;
  private final List<DocumentProblem> problems = new ArrayList<>();

  private DocumentRules(String file, DocumentTree tree, RunbookDocument document) {
    this.file = file;
    this.tree = tree;
    this.document = document;
  }

  static List<DocumentProblem> check(String file, String expectedName, DocumentTree tree, RunbookDocument document) {
    DocumentRules rules = new DocumentRules(file, tree, document);
    rules.name(expectedName);
    rules.parameters();
    rules.steps();
    rules.coverage();
    return rules.problems;
  }

  /** The coverage block's claims name steps of this document, and it says which Markdown it reads. */
  private void coverage() {
    DocumentCoverage.of(tree.root).ifPresent(coverage -> {
      if (document.source().isEmpty()) {
        problem("coverage", "needs the document's source: the Markdown runbook the coverage is read against");
      }
      Set<String> ids = new LinkedHashSet<>();
      document.steps().forEach(s -> ids.add(s.id()));
      coverage.implementedBy().forEach((item, steps) -> steps.stream().filter(id -> !ids.contains(id)).forEach(id ->
          problem("coverage.implements", "\"" + item + "\" names step \"" + id + "\", which this document does not"
              + " have (its steps: " + String.join(", ", ids) + ")")));
    });
  }

  private void name(String expectedName) {
    if (expectedName != null && !expectedName.equals(document.name())) {
      problem("name", "\"" + document.name() + "\" is not the file's name: runbooks/" + expectedName + ".yaml must be"
          + " named \"" + expectedName + "\" (a run names the document by its file)");
    }
  }

  private void parameters() {
    document.parameters().forEach((name, p) -> {
      String field = "parameters." + name;
      if (HOST_PLACEHOLDERS.contains(name) || URL_PLACEHOLDERS.contains(name) || SERVICE_PLACEHOLDERS.contains(name)) {
        problem(field, "\"" + name + "\" is a placeholder of the engine's own; name the parameter otherwise");
      }
      if (p.type().equals("string")) {
        if (p.pattern() == null) {
          problem(field, "a string parameter needs a pattern: the allow-list its values must match (e.g."
              + " \"[a-z0-9-]{1,40}\")");
          return;
        }
        try {
          Pattern.compile(p.pattern());
        } catch (PatternSyntaxException e) {
          problem(field + ".pattern", "is not a regular expression: " + e.getDescription());
          return;
        }
      } else if (p.pattern() != null) {
        problem(field + ".pattern", "only string parameters take a pattern (this one is " + p.type() + ")");
      }
      if ((p.minimum() != null || p.maximum() != null) && !p.type().equals("integer")) {
        problem(field, "only integer parameters take a minimum or maximum");
      } else if (p.minimum() != null && p.maximum() != null && p.minimum() > p.maximum()) {
        problem(field, "minimum " + p.minimum() + " is above maximum " + p.maximum());
      }
      if (p.defaultValue() != null) {
        String why = ParameterValues.problem(p, p.defaultValue());
        if (why != null) {
          problem(field + ".default", "\"" + p.defaultValue() + "\" " + why);
        }
      }
    });
  }

  private void steps() {
    Set<String> ids = new HashSet<>();
    Set<String> runSteps = new HashSet<>();
    for (int i = 0; i < document.steps().size(); i++) {
      DocumentStep step = document.steps().get(i);
      String field = "steps[" + i + "]";
      if (!ids.add(step.id())) {
        problem(field + ".id", "\"" + step.id() + "\" is the id of an earlier step; ids must be unique");
      }
      List<String> actions = actions(step);
      if (actions.size() != 1) {
        problem(field, (actions.isEmpty() ? "has no action" : "has " + actions.size() + " actions ("
            + String.join(", ", actions) + ")") + "; exactly one of run, http, check, approve, wait, notify, incident,"
            + " runbook, incidents, prometheus, note, elapsed is required");
        continue;
      }
      if (step.onFailure().equals(DocumentStep.INCIDENT) && step.incidentType().isEmpty()) {
        problem(field + ".onFailure", "incident needs incidentType: the incident type a failure of this step opens"
            + " (e.g. incidentType: disk-space)");
      } else if (!step.incidentType().isEmpty() && step.onFailure().equals(DocumentStep.CONTINUE)) {
        problem(field + ".incidentType", "with onFailure: continue no incident is opened; write onFailure: incident"
            + " (open it and go on), or rollback / abort (open it and stop)");
      }
      if (step.elapsed() != null) {
        elapsed(field + ".elapsed", step.elapsed(), ids, step.id());
      }
      if (step.pause() != null) {
        waitFor(field + ".wait", step.pause());
      }
      if (step.child() != null) {
        child(field + ".runbook", step.child());
      }
      if (step.incident() != null) {
        text(field + ".incident.summary", step.incident().summary());
      }
      if (step.undo() != null && step.run() == null) {
        problem(field + ".undo", "only a run step changes something to undo (this step is " + actions.get(0) + ")");
      }
      if (step.run() != null) {
        command(field + ".run.command", step.run().command());
        runSteps.add(step.id());
      }
      if (step.undo() != null) {
        command(field + ".undo.command", step.undo().command());
      }
      if (step.check() != null) {
        check(field + ".check", step.check(), runSteps);
      }
      if (step.http() != null) {
        http(field + ".http", step.http());
      }
      if (step.incidents() != null) {
        incidents(field + ".incidents", step.incidents());
      }
      if (step.prometheus() != null) {
        prometheus(field + ".prometheus", step.prometheus());
      }
      if (step.note() != null) {
        text(field + ".note.prompt", step.note().prompt());
      }
      if (step.notice() != null) {
        text(field + ".notify.title", step.notice().title());
        text(field + ".notify.text", step.notice().text());
      }
    }
  }

  private static List<String> actions(DocumentStep s) {
    List<String> actions = new ArrayList<>();
    add(actions, s.run(), "run");
    add(actions, s.http(), "http");
    add(actions, s.check(), "check");
    add(actions, s.approve(), "approve");
    add(actions, s.pause(), "wait");
    add(actions, s.notice(), "notify");
    add(actions, s.incident(), "incident");
    add(actions, s.child(), "runbook");
    add(actions, s.incidents(), "incidents");
    add(actions, s.prometheus(), "prometheus");
    add(actions, s.note(), "note");
    add(actions, s.elapsed(), "elapsed");
    return actions;
  }

  private static void add(List<String> actions, Object action, String name) {
    if (action != null) {
      actions.add(name);
    }
  }

  /** Every placeholder declared, none inside the author's quotes. */
  private void command(String field, String command) {
    for (CommandTemplate.Placeholder p : CommandTemplate.placeholders(command)) {
      boolean known = document.parameters().containsKey(p.name()) || HOST_PLACEHOLDERS.contains(p.name())
          || SERVICE_PLACEHOLDERS.contains(p.name());
      if (known && p.quoted()) {
        problem(field, "{" + p.name() + "} is inside quotes: a value is inserted as one quoted word of its own, and"
            + " inside other quotes it would be spliced into them; write it outside any quotes (echo {" + p.name()
            + "}, not echo '{" + p.name() + "}')");
      } else if (!known && !p.quoted()) {
        problem(field, "{" + p.name() + "} is not a declared parameter (" + declared() + ") nor one of {host},"
            + " {serviceAddress}, {deployRoot}, {serviceStart}, {serviceStop}, {serviceIsActive}");
      }
    }
  }

  private void child(String field, io.spacetime.runbook.document.ChildAction child) {
    if (child.deployment() != null) {
      text(field + ".deployment.version", child.deployment().version());
    } else if (child.rollback() != null) {
      text(field + ".rollback.reason", child.rollback().reason());
      text(field + ".rollback.toVersion", child.rollback().toVersion());
    } else if (child.document() != null) {
      if (child.document().name().equals(document.name())) {
        problem(field + ".document.name", "\"" + document.name() + "\" is this document: a document cannot run itself");
      }
      child.document().parameters().forEach((name, value) -> text(field + ".document.parameters." + name, value));
    }
  }

  /** The span starts at an earlier step (ids holds every id so far, this step's own included). */
  private void elapsed(String field, ElapsedAction elapsed, Set<String> ids, String own) {
    if (!ids.contains(elapsed.since()) || elapsed.since().equals(own)) {
      problem(field + ".since", "\"" + elapsed.since() + "\" is not the id of an earlier step (the time is measured"
          + " from the moment that step began)");
    }
  }

  /** Exactly one of duration and until; before only with until; until an instant or one declared string parameter. */
  private void waitFor(String field, WaitAction wait) {
    if ((wait.duration() == null) == (wait.until() == null)) {
      problem(field, "needs exactly one of duration (45s, 10m, 2h) and until (an instant, or {param} holding one)");
      return;
    }
    if (!wait.before().isEmpty() && wait.until() == null) {
      problem(field + ".before", "is used only with until (the wait ends that long before the instant)");
    }
    if (wait.until() == null) {
      return;
    }
    Matcher whole = CommandTemplate.PLACEHOLDER.matcher(wait.until());
    if (whole.matches()) {
      DocumentParameter p = document.parameters().get(whole.group(1));
      if (p == null || !p.type().equals("string")) {
        problem(field + ".until", wait.until() + " is not a declared string parameter (" + declared() + ")");
      }
      return;
    }
    try {
      Instant.parse(wait.until());
    } catch (DateTimeParseException e) {
      problem(field + ".until", "\"" + wait.until() + "\" is neither an instant like 2026-12-03T10:00:00Z nor one"
          + " {param}");
    }
  }

  private void check(String field, CheckAction check, Set<String> runSteps) {
    if (!runSteps.contains(check.of())) {
      problem(field + ".of", "\"" + check.of() + "\" is not the id of an earlier run step (a check judges the evidence"
          + " of a command that ran before it)");
    }
    regex(field + ".outputMatches", check.outputMatches(), 0);
    regex(field + ".outputLacks", check.outputLacks(), 0);
    if (check.value() != null) {
      regex(field + ".value.pattern", check.value().pattern(), 1);
    }
  }

  /** A history read needs a bound: all incidents ever is a report, not a check. */
  private void incidents(String field, IncidentsAction incidents) {
    if (incidents.openedWithin().isEmpty() && !incidents.stillOpen()) {
      problem(field, "needs openedWithin (e.g. 24h: the incidents opened that recently) or stillOpen: true (those"
          + " still open), or both");
    }
  }

  /** Exactly one query: the environment's own ({@code metric}) or the document's ({@code query}). */
  private void prometheus(String field, PrometheusAction prometheus) {
    if (prometheus.metric().isEmpty() == prometheus.query().isEmpty()) {
      problem(field, "needs exactly one of metric (errorRate or p95: the environment's configured query) and query"
          + " (PromQL of its own)");
    }
    if (prometheus.min() != null && prometheus.max() != null && prometheus.min() > prometheus.max()) {
      problem(field + ".min", "min " + prometheus.min() + " is above max " + prometheus.max());
    }
  }

  private void http(String field, HttpAction http) {
    Matcher m = CommandTemplate.PLACEHOLDER.matcher(http.url());
    while (m.find()) {
      String name = m.group(1);
      if (URL_PLACEHOLDERS.contains(name)) {
        if (http.on().isEmpty()) {
          problem(field + ".url", "{" + name + "} is a host's URL: it needs on (all, one or a host group)");
        } else if (m.start() != 0) {
          problem(field + ".url", "{" + name + "} can only start the URL");
        }
      } else if (!document.parameters().containsKey(name)) {
        problem(field + ".url", "{" + name + "} is not a declared parameter (" + declared() + ") nor {apiUrl} or {statusUrl}");
      }
    }
    if (http.body() != null) {
      text(field + ".body", http.body());
    }
  }

  private void text(String field, String text) {
    if (text == null) {
      return;
    }
    Matcher m = CommandTemplate.PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!document.parameters().containsKey(m.group(1))) {
        problem(field, "{" + m.group(1) + "} is not a declared parameter (" + declared() + ")");
      }
    }
  }

  private void regex(String field, String regex, int groups) {
    if (regex == null) {
      return;
    }
    try {
      if (Pattern.compile(regex).matcher("").groupCount() < groups) {
        problem(field, "needs a group in parentheses around the number to read, e.g. \"([0-9.]+)%\"");
      }
    } catch (PatternSyntaxException e) {
      problem(field, "is not a regular expression: " + e.getDescription());
    }
  }

  private String declared() {
    Map<String, DocumentParameter> parameters = document.parameters();
    return parameters.isEmpty() ? "this document declares none" : "declared: " + String.join(", ", parameters.keySet());
  }

  private void problem(String field, String message) {
    problems.add(new DocumentProblem(file, tree.lineOf(field), field, message));
  }
}
