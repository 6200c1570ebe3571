package io.spacetime.runbook.starter.intake;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.starter.client.IdempotencyKeyReusedException;
import io.spacetime.runbook.starter.client.NoAnswerException;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.client.UpdateRejectedException;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP intake: one server for Alertmanager, incident bots and release automation, on Javalin
 * (Jetty 12). Every endpoint but {@code /healthz} needs a bearer token; every body is bounded and
 * read strictly; every error is {@code {"error": "...", "field": "..."}} with the status that says
 * whose fault it is (4xx: the request's, never retried by Alertmanager; 503: Temporal unreachable or
 * no worker answering, retried). The endpoints are documented in {@value #OPENAPI} (served at
 * {@code GET /openapi.yaml}), and a test holds the document and the routes to each other.
 */
public final class IntakeServer implements AutoCloseable {

  static final String OPENAPI = "openapi.yaml";
  private static final Logger log = LoggerFactory.getLogger(IntakeServer.class);
  /** One line per request: method, path, status, incident key or run id. Never a token or a body. */
  private static final Logger access = LoggerFactory.getLogger("io.spacetime.runbook.starter.intake.access");

  private final Javalin app;
  private final List<String> routes;

  private IntakeServer(Javalin app, List<String> routes) {
    this.app = app;
    this.routes = routes;
  }

  /** Starts listening on {@code settings.bind()}:{@code settings.port()} and returns once it does. */
  public static IntakeServer start(RunbookClient client, IntakeSettings settings, Clock clock) {
    List<String> registered = new ArrayList<>();
    Javalin app = Javalin.create(config -> configure(config, client, settings, clock, registered));
    app.start(settings.bind(), settings.port());
    // A long poll is quiet for up to maxWait; Jetty's default idle timeout (30 s) would cut it.
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector c) {
        c.setIdleTimeout(settings.maxWait().plusSeconds(30).toMillis());
      }
    }
    log.info("intake listening on http://{}:{} ({} accepted, default environment {}, alert types by name {})",
        settings.bind(), app.port(), settings.tokens(),
        settings.defaultEnvironment().isEmpty() ? "none" : settings.defaultEnvironment(), settings.typeForAlertname());
    return new IntakeServer(app, List.copyOf(registered));
  }

  /** The port it listens on (the one chosen when started with port 0). */
  public int port() {
    return app.port();
  }

  /** Every route as {@code "GET /v1/incidents/{id}"}, as Javalin registered it. */
  public List<String> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
  }

  /** Registers routes with their {@link Exchange}. */
  static final class Routes {

    private final JavalinConfig config;
    private final long maxBodyBytes;

    Routes(JavalinConfig config, long maxBodyBytes) {
      this.config = config;
      this.maxBodyBytes = maxBodyBytes;
    }

    interface Handler {
      void handle(Exchange http) throws Exception;
    }

    void get(String path, Handler handler) {
      config.routes.get(path, ctx -> handler.handle(new Exchange(ctx, maxBodyBytes)));
    }

    void post(String path, Handler handler) {
      config.routes.post(path, ctx -> handler.handle(new Exchange(ctx, maxBodyBytes)));
    }
  }

  private static void configure(JavalinConfig config, RunbookClient client, IntakeSettings settings, Clock clock,
      List<String> registered) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.events.handlerAdded(meta -> {
      if (meta.getHttpMethod().isHttpMethod()) {
        registered.add(meta.getHttpMethod().name() + " " + meta.getPath());
      }
    });
    config.requestLogger.http(IntakeServer::logRequest);
    config.routes.before(ctx -> Authentication.check(ctx, settings.tokens()));
    config.routes.exception(Exception.class, IntakeServer::answerFailure);
    config.routes.error(404, ctx -> {
      if (ctx.attribute(Exchange.ANSWERED) == null) {
        Exchange.json(ctx, 404, error("no such endpoint: " + ctx.method() + " " + ctx.path()
            + " (GET /openapi.yaml lists them)", ""));
      }
    });
    Routes routes = new Routes(config, settings.maxBodyBytes());
    routes.get("/healthz", http -> http.json(200, Map.of("status", "ok")));
    routes.get("/openapi.yaml", http -> http.ctx().contentType("application/yaml; charset=utf-8").result(openApi()));
    new IncidentRoutes(client, settings, clock).register(routes);
    new RunRoutes(client, settings).register(routes);
  }

  /** The OpenAPI document as kept in the repository. */
  static String openApi() {
    try (InputStream in = IntakeServer.class.getClassLoader().getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI + " is missing from the starter's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answerFailure(Exception thrown, Context ctx) {
    Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    if (e instanceof ApiError api) {
      if (api.status() == 401) {
        ctx.header("WWW-Authenticate", Authentication.challenge(ctx));
      }
      Exchange.json(ctx, api.status(), error(api.getMessage(), api.field()));
    } else if (e instanceof UpdateRejectedException rejected) {
      Exchange.json(ctx, 409, error("the run refused the " + rejected.update() + " update: " + rejected.getMessage(), ""));
    } else if (e instanceof IdempotencyKeyReusedException reused) {
      Exchange.json(ctx, 422, error(reused.getMessage(), "Idempotency-Key"));
    } else if (e instanceof InvalidInputException invalid) {
      Exchange.json(ctx, 422, error(invalid.getMessage(), ""));
    } else if (e instanceof NoAnswerException noAnswer) {
      unavailable(ctx, noAnswer.getMessage());
    } else if (isNotFound(e)) {
      Exchange.json(ctx, 404, error("not found: no run " + ctx.pathParamMap().getOrDefault("id", "")
          + " (or it is closed)", ctx.pathParamMap().containsKey("id") ? "id" : ""));
    } else if (hasStatus(e, Status.Code.UNAVAILABLE) || hasStatus(e, Status.Code.DEADLINE_EXCEEDED)) {
      unavailable(ctx, "cannot reach Temporal; retry later (nothing was started)");
    } else if (statusOf(e) != null) {
      // The server refused the call (a search attribute not registered, a namespace missing): its reason names the fix.
      StatusRuntimeException refused = statusOf(e);
      log.error("{} {}: Temporal answered {}", ctx.method(), ctx.path(), refused.getStatus());
      Exchange.json(ctx, 502, error("Temporal refused the call: " + refused.getStatus().getCode() + " "
          + refused.getStatus().getDescription(), ""));
    } else if (e instanceof HttpResponseException http) {
      Exchange.json(ctx, http.getStatus(), error(http.getMessage(), ""));
    } else {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      Exchange.json(ctx, 500, error("internal error (" + e.getClass().getSimpleName() + "); see the intake's log", ""));
    }
  }

  private static void unavailable(Context ctx, String message) {
    ctx.header("Retry-After", "10");
    Exchange.json(ctx, 503, error(message, ""));
  }

  static Map<String, Object> error(String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (field != null && !field.isEmpty()) {
      body.put("field", field);
    }
    return body;
  }

  /** The SDK says "no such run" either way: its own exception, or the server's NOT_FOUND inside another. */
  static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
    }
    return hasStatus(e, Status.Code.NOT_FOUND);
  }

  private static StatusRuntimeException statusOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s;
      }
    }
    return null;
  }

  private static boolean hasStatus(Throwable e, Status.Code code) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) {
        return true;
      }
    }
    return false;
  }

  private static void logRequest(Context ctx, Float ms) {
    String incident = ctx.attribute(Exchange.LOG_INCIDENT);
    String run = ctx.attribute(Exchange.LOG_RUN);
    // The path is the caller's text: control characters would let it forge log lines.
    access.info("method={} path={} status={} incident={} run={} ms={}", ctx.method(),
        ctx.path().replaceAll("\\p{Cntrl}", "?"), ctx.statusCode(),
        incident == null || incident.isEmpty() ? "-" : incident, run == null ? "-" : run, Math.round(ms));
  }
}
