package io.spacetime.runbook.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.EnvironmentActivities;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import io.spacetime.runbook.ports.hosts.DocumentCommands;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.incident.IncidentHistory;
import io.spacetime.runbook.ports.incident.IncidentHistoryActivities;
import io.spacetime.runbook.ports.incident.IncidentHistoryQuery;
import io.spacetime.runbook.ports.incident.IncidentSummary;
import io.spacetime.runbook.ports.metrics.MetricReading;
import io.spacetime.runbook.ports.metrics.MetricsActivities;
import io.spacetime.runbook.ports.notify.Delivery;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.Notice;
import io.spacetime.runbook.ports.notify.NotificationActivities;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import io.spacetime.runbook.ports.notify.Page;
import io.spacetime.runbook.ports.notify.PagingSettings;
import io.spacetime.runbook.ports.probes.HttpExchange;
import io.spacetime.runbook.ports.probes.HttpRequests;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.spacetime.runbook.testing.SandboxEnvironment;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The activities a document's run calls, faked at their interfaces: documents from YAML text, the
 * two-host sandbox environment, host commands answered by {@link #commands}, notices journalled.
 */
final class DocumentWorld implements EnvironmentActivities, DocumentActivities, DocumentCommands,
    NotificationActivities, HttpRequests, io.spacetime.runbook.incident.IncidentOpening, IncidentHistoryActivities,
    MetricsActivities {

  /**
   * A test server on Tuesday morning with the interpreter on {@code queue} and this world as every
   * activity, started: one per test class (each test's runs have ids of their own).
   */
  TestWorkflowEnvironment startInterpreter(String queue) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        RunbookTestbed.environmentOptions(RunbookTestbed.plainConverter()).setInitialTime(RunbookTestbed.TUESDAY_MORNING)
            .build());
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
    worker.registerActivitiesImplementations(this);
    env.start();
    return env;
  }


  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  final Map<String, String> documents = new ConcurrentHashMap<>();
  final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  /** The two-host sandbox; a test may give it Prometheus ({@link #withPrometheus}). */
  volatile Environment environment;
  /** What the incident history answers: these, whatever the query. */
  volatile List<IncidentSummary> incidents;
  /** What Prometheus answers to every query; null: no series matched. */
  volatile Double metricValue;
  /** (host, template) → what the command printed and its exit code; "ok", exit 0 by default. */
  volatile BiFunction<String, String, CommandEvidence> commands;
  volatile HttpExchange httpAnswer;
  /** Answers given before {@link #httpAnswer}, one per request, in order (a service that becomes ready). */
  final java.util.Queue<HttpExchange> httpFirstAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile CountDownLatch noticeSent;

  DocumentWorld() {
    reset();
  }

  /** As new: no documents, an empty journal, every command "ok". */
  void reset() {
    documents.clear();
    journal.clear();
    environment = SandboxEnvironment.twoHosts().build();
    incidents = List.of();
    metricValue = null;
    commands = (host, command) -> answer(host, command, 0, "ok");
    httpAnswer = new HttpExchange("GET", "", 200, "{\"ready\":true}", "", 5);
    httpFirstAnswers.clear();
    noticeSent = new CountDownLatch(1);
  }

  /** The environment with Prometheus at {@code url} (the watch window's setting; the runbook's queries). */
  void withPrometheus(String url) {
    environment = SandboxEnvironment.twoHosts().withWatch(new WatchSettings(0, null, null, null, null, null, null, null,
        url, null, null)).build();
  }

  static CommandEvidence answer(String host, String command, int exit, String stdout) {
    return new CommandEvidence(host, command, exit, stdout, "", 3);
  }

  /** Blocks until the first notice was sent (an approve step sends one once it accepts the update). */
  void awaitNotice() throws InterruptedException {
    if (!noticeSent.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("no notice was sent; journal: " + journal);
    }
  }

  List<String> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  @Override
  public Environment load(String name) {
    return environment;
  }

  @Override
  public LoadedDocument loadDocument(String name) {
    String text = documents.get(name);
    if (text == null) {
      throw ApplicationFailure.newNonRetryableFailure("no runbook document " + name + ".yaml", "UnknownRunbookDocument");
    }
    try {
      return new LoadedDocument("runbooks/" + name + ".yaml", "0123456789abcdef0123", text,
          YAML.readValue(text, RunbookDocument.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public CommandEvidence runDocumentCommand(HostContext host, String template, Map<String, String> parameters,
      int timeoutSeconds) {
    journal.add("run " + host.name() + ": " + template);
    return commands.apply(host.name(), template);
  }

  @Override
  public Delivery notify(NotificationSettings settings, Notice notice) {
    journal.add("notify " + notice.severity() + ": " + notice.title());
    noticeSent.countDown();
    return new Delivery(List.of("console"));
  }

  @Override
  public Delivery page(PagingSettings settings, Page page) {
    journal.add("page " + page);
    return new Delivery(List.of("console"));
  }

  @Override
  public HttpExchange setMaintenance(MaintenanceSettings settings, boolean enabled, String reason) {
    throw new UnsupportedOperationException("documents do not switch maintenance");
  }

  @Override
  public HttpExchange httpRequest(String method, String url, String jsonBody) {
    journal.add("http " + method + " " + url);
    HttpExchange first = httpFirstAnswers.poll();
    HttpExchange answer = first == null ? httpAnswer : first;
    return new HttpExchange(method, url, answer.status(), answer.bodyTail(), answer.error(), 5);
  }

  @Override
  public String openOrJoinIncident(io.spacetime.runbook.incident.IncidentRequest request,
      io.spacetime.runbook.incident.AlertOccurrence occurrence) {
    request.validate();
    journal.add("incident " + request.type() + " on " + request.environment() + ": " + request.summary());
    return io.spacetime.runbook.incident.IncidentKey.of(request);
  }

  @Override
  public IncidentHistory incidentHistory(IncidentHistoryQuery query) {
    journal.add("incidents of " + query.environment() + (query.openedAfter() > 0 ? " opened after "
        + java.time.Instant.ofEpochMilli(query.openedAfter()) : "") + (query.stillOpen() ? " still open" : ""));
    return new IncidentHistory(incidents, "test", false);
  }

  @Override
  public MetricReading instantQuery(String prometheusUrl, String query) {
    journal.add("prometheus " + prometheusUrl + " " + query);
    Double value = metricValue;
    return new MetricReading(query, value != null, value == null ? 0 : value, Map.of(), value == null ? 0 : 1, 4);
  }
}
