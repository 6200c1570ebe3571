package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.RunbookSearchAttributes;
import io.spacetime.runbook.core.RunbookWorkerOptions;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A real intake on a loopback port over Temporal's test server, with a worker running the
 * recording stand-ins of the workflows, and a real HTTP client. Every call the intake makes that
 * could start or change a run (start, signal-with-start, signal, update) is recorded, so a test
 * of a refused request asserts that nothing reached Temporal. Every log line is captured, so a
 * test can assert a token never appears in one.
 */
public final class IntakeTestbed implements BeforeEachCallback, AfterEachCallback {

  static final String TOKEN = "test-token-0123456789abcdef";
  static final String OTHER_TOKEN = "second-token-fedcba9876543210";
  static final String TASK_QUEUE = "runbooks";
  static final ObjectMapper JSON = new ObjectMapper();

  private final boolean workerAtStart;
  private final Consumer<IntakeSettings.Builder> configure;
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> firstWait = new CompletableFuture<>();
  private final List<CompletableFuture<String>> signals = new CopyOnWriteArrayList<>();
  private final List<String> webhookCalls = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<Integer, CompletableFuture<Void>>> webhookWaits = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private TestWorkflowEnvironment env;
  private IntakeServer server;
  private ListAppender<ILoggingEvent> logs;

  private IntakeTestbed(boolean workerAtStart, Consumer<IntakeSettings.Builder> configure) {
    this.workerAtStart = workerAtStart;
    this.configure = configure;
  }

  static IntakeTestbed withWorker() {
    return new IntakeTestbed(true, settings -> { });
  }

  /** The worker is registered but polls only after {@link #startWorker()}. */
  static IntakeTestbed withoutWorker() {
    return new IntakeTestbed(false, settings -> { });
  }

  static IntakeTestbed configured(Consumer<IntakeSettings.Builder> configure) {
    return new IntakeTestbed(true, configure);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    logs = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        super.append(event);
        if (event.getFormattedMessage().contains("path=/v1/alerts/alertmanager status=")) {
          webhookCalls.add(event.getFormattedMessage());
          webhookWaits.forEach(w -> {
            if (webhookCalls.size() >= w.getKey()) {
              w.getValue().complete(null);
            }
          });
        }
      }
    };
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    DataConverter converter = TemporalConnection.dataConverter(TemporalSettings.from(Map.of()));
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
        .setWorkerFactoryOptions(RunbookWorkerOptions.factoryOptions());
    RunbookSearchAttributes.ALL.forEach(key ->
        options.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    env = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(RecordingIncidentWorkflow.class, StubIncidentIndex.class,
        StubDeploymentWorkflow.class, StubRollbackWorkflow.class, StubRunbookWorkflow.class);
    if (workerAtStart) {
      env.start();
    }
    WorkflowClient recorded = WorkflowClient.newInstance(env.getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder()
        .setNamespace(env.getNamespace())
        .setDataConverter(converter)
        .setInterceptors(new Recorder())
        .build());
    IntakeSettings.Builder settings = IntakeSettings.newBuilder(IntakeTokens.of(List.of(TOKEN, OTHER_TOKEN)))
        .setBind("127.0.0.1").setPort(0);
    configure.accept(settings);
    server = IntakeServer.start(new RunbookClient(recorded, TASK_QUEUE, Clock.systemUTC()), settings.build(),
        Clock.systemUTC());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    if (env != null) {
      env.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  void startWorker() {
    env.start();
  }

  IntakeServer server() {
    return server;
  }

  /** The test server's own client, for looking at runs directly (not recorded). */
  WorkflowClient temporal() {
    return env.getWorkflowClient();
  }

  /** Every call that could start or change a run, as "signalWithStart IncidentWorkflow incident-...". */
  List<String> sentToTemporal() {
    return List.copyOf(sent);
  }

  /** Completes with the workflow id when the intake first waits for a run's result (a long poll began). */
  CompletableFuture<String> firstWaitForAResult() {
    return firstWait;
  }

  /** Completes once the webhook has been answered {@code count} times (counted from the access log). */
  CompletableFuture<Void> webhookAnswered(int count) {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    webhookWaits.add(Map.entry(count, answered));
    if (webhookCalls.size() >= count) {
      answered.complete(null);
    }
    return answered;
  }

  /** Completes with the workflow id when the intake next sends a plain signal. */
  CompletableFuture<String> nextSignal() {
    CompletableFuture<String> next = new CompletableFuture<>();
    signals.add(next);
    return next;
  }

  void assertNoRun(String workflowId) {
    assertThatThrownBy(() -> temporal().newUntypedWorkflowStub(workflowId).describe())
        .as("no run " + workflowId + " exists").isInstanceOf(WorkflowNotFoundException.class);
  }

  /** Every log line written while the test ran, formatted. */
  List<String> logLines() {
    return logs.list.stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
  }

  HttpResponse<String> post(String path, String body) {
    return send("POST", path, body, TOKEN, Map.of());
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    return send("POST", path, body, TOKEN, headers);
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null, TOKEN, Map.of());
  }

  CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return http.sendAsync(request("GET", path, null, TOKEN, Map.of()), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code token} null sends no Authorization header. */
  HttpResponse<String> send(String method, String path, String body, String token, Map<String, String> headers) {
    try {
      return http.send(request(method, path, body, token, headers), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> sendBytes(String path, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  private HttpRequest request(String method, String path, String body, String token, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return request.build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private final class Recorder extends WorkflowClientInterceptorBase {
    @Override
    public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(WorkflowClientCallsInterceptor next) {
      return new WorkflowClientCallsInterceptorBase(next) {
        @Override
        public WorkflowStartOutput start(WorkflowStartInput input) {
          sent.add("start " + input.getWorkflowType() + " " + input.getWorkflowId());
          return super.start(input);
        }

        @Override
        public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
          sent.add("signalWithStart " + input.getWorkflowStartInput().getWorkflowType() + " "
              + input.getWorkflowStartInput().getWorkflowId());
          return super.signalWithStart(input);
        }

        @Override
        public WorkflowSignalOutput signal(WorkflowSignalInput input) {
          sent.add("signal " + input.getSignalName() + " " + input.getWorkflowExecution().getWorkflowId());
          WorkflowSignalOutput output = super.signal(input);
          signals.forEach(s -> s.complete(input.getWorkflowExecution().getWorkflowId()));
          return output;
        }

        @Override
        public <R> io.temporal.client.WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
          sent.add("update " + input.getUpdateName() + " " + input.getWorkflowExecution().getWorkflowId());
          return super.startUpdate(input);
        }

        @Override
        public <R> GetResultAsyncOutput<R> getResultAsync(GetResultInput<R> input) {
          GetResultAsyncOutput<R> waiting = super.getResultAsync(input);
          firstWait.complete(input.getWorkflowExecution().getWorkflowId());
          return waiting;
        }

        @Override
        public CancelOutput cancel(CancelInput input) {
          sent.add("cancel " + input.getWorkflowExecution().getWorkflowId());
          return super.cancel(input);
        }
      };
    }
  }
}
