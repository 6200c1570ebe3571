package io.spacetime.runbook.starter.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.core.InvalidInputException;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What every handler does with a request and its answer, written once: the bounded body, strict
 * JSON into a record and its validation, allow-listed path and query parameters, JSON answers,
 * and what the access log names (the incident key or run id, never a token).
 */
final class Exchange {

  static final String LOG_INCIDENT = "incident";
  static final String LOG_RUN = "run";

  private final Context ctx;
  private final long maxBodyBytes;

  Exchange(Context ctx, long maxBodyBytes) {
    this.ctx = ctx;
    this.maxBodyBytes = maxBodyBytes;
  }

  Context ctx() {
    return ctx;
  }

  /** The body, at most the limit: a larger Content-Length is refused before a byte is read. */
  byte[] body() {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw JsonBodies.tooLarge(maxBodyBytes);
    }
    try {
      return JsonBodies.readLimited(ctx.req().getInputStream(), maxBodyBytes);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage(), "");
    }
  }

  /** The body read strictly into {@code type} and checked by its {@code validate} (422 naming the field). */
  <T> T body(Class<T> type, Consumer<T> validate) {
    T value = JsonBodies.read(body(), type);
    try {
      validate.accept(value);
    } catch (InvalidInputException e) {
      throw JsonBodies.invalid(e, type, "");
    }
    return value;
  }

  /** The path parameter {@code name}, refused (400) unless it matches {@code pattern}. */
  String pathParam(String name, Pattern pattern, String expected) {
    String value = ctx.pathParam(name);
    if (!pattern.matcher(value).matches()) {
      throw ApiError.badRequest(name + " \"" + InputRules.printable(value) + "\" is not " + expected, name);
    }
    return value;
  }

  /** Refuses (400) query parameters other than {@code allowed}, and any given twice. */
  Exchange onlyQuery(String... allowed) {
    Set<String> known = Set.of(allowed);
    for (var parameter : ctx.queryParamMap().entrySet()) {
      if (!known.contains(parameter.getKey())) {
        throw ApiError.badRequest("unknown query parameter '" + InputRules.printable(parameter.getKey()) + "'; accepted: "
            + (allowed.length == 0 ? "none" : String.join(", ", Arrays.asList(allowed))), parameter.getKey());
      }
      if (parameter.getValue().size() > 1) {
        throw ApiError.badRequest("query parameter '" + parameter.getKey() + "' is given more than once",
            parameter.getKey());
      }
    }
    return this;
  }

  /** The {@code Idempotency-Key} header, null when not sent; 400 when it is not one. */
  String idempotencyKey() {
    String key = ctx.header("Idempotency-Key");
    if (key != null) {
      try {
        RunbookClient.checkIdempotencyKey(key);
      } catch (InvalidInputException e) {
        throw ApiError.badRequest(e.getMessage(), "Idempotency-Key");
      }
    }
    return key;
  }

  String query(String name) {
    String value = ctx.queryParam(name);
    return value == null ? "" : value;
  }

  Exchange logIncident(String key) {
    ctx.attribute(LOG_INCIDENT, key);
    return this;
  }

  Exchange logRun(String id) {
    ctx.attribute(LOG_RUN, id);
    return this;
  }

  void json(int status, Object value) {
    json(ctx, status, value);
  }

  void markdown(String text) {
    ctx.status(200).contentType("text/markdown; charset=utf-8").result(text);
  }

  /** Set on every answer given here, so the server's fallback 404 ("no such endpoint") never replaces it. */
  static final String ANSWERED = "runbook.answered";

  static void json(Context ctx, int status, Object value) {
    try {
      ctx.attribute(ANSWERED, Boolean.TRUE);
      ctx.status(status).contentType("application/json").result(JsonBodies.STRICT.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
