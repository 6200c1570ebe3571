package io.spacetime.runbook.worker;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's remote codec protocol ({@code POST /decode}, {@code POST /encode}, body
 * {@code {"payloads":[...]}}) over the payload codec, so the Web UI can show encrypted inputs and
 * results to the people allowed to reach this endpoint, and encrypt what they type into Start
 * Workflow or Send Update. The key stays in this process; bind it to a trusted address only.
 */
public final class CodecServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CodecServer.class);

  private final HttpServer server;

  private CodecServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param allowedOrigin the Web UI's origin (e.g. {@code http://127.0.0.1:8233}) for CORS
   */
  public static CodecServer start(PayloadCodec codec, String address, int port, String allowedOrigin) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    server.createContext("/decode", exchange -> handle(exchange, codec::decode, allowedOrigin));
    server.createContext("/encode", exchange -> handle(exchange, codec::encode, allowedOrigin));
    server.start();
    log.info("codec endpoint on http://{}:{} for {}", address, server.getAddress().getPort(), allowedOrigin);
    return new CodecServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void handle(HttpExchange exchange, UnaryOperator<List<io.temporal.api.common.v1.Payload>> transform,
      String allowedOrigin) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", allowedOrigin);
      exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST, OPTIONS");
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
      exchange.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
      if ("OPTIONS".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\":\"POST only\"}");
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Payloads.Builder in = Payloads.newBuilder();
      try {
        JsonFormat.parser().ignoringUnknownFields().merge(body, in);
      } catch (InvalidProtocolBufferException e) {
        respond(exchange, 400, "{\"error\":\"body is not {\\\"payloads\\\":[...]}\"}");
        return;
      }
      Payloads out;
      try {
        out = Payloads.newBuilder().addAllPayloads(transform.apply(in.getPayloadsList())).build();
      } catch (RuntimeException e) {
        log.warn("codec request failed: {}", e.getMessage());
        respond(exchange, 400, "{\"error\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
        return;
      }
      respond(exchange, 200, JsonFormat.printer().print(out));
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
