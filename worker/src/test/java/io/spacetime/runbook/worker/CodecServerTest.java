package io.spacetime.runbook.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.spacetime.runbook.connection.PayloadEncryption;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CodecServerTest {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void encodesAndDecodesPayloadsForTheWebUi() throws Exception {
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"reason\":\"secret-reason\"}")).build();
    try (CodecServer server = CodecServer.start(new PayloadEncryption("k1", KEY), "127.0.0.1", 0, "http://127.0.0.1:8233")) {
      HttpResponse<String> encoded = post(server, "/encode", Payloads.newBuilder().addPayloads(plain).build());
      assertEquals(200, encoded.statusCode());
      assertFalse(encoded.body().contains("secret-reason"));
      assertEquals("http://127.0.0.1:8233", encoded.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

      Payloads.Builder sealed = Payloads.newBuilder();
      JsonFormat.parser().merge(encoded.body(), sealed);
      HttpResponse<String> decoded = post(server, "/decode", sealed.build());

      Payloads.Builder roundTrip = Payloads.newBuilder();
      JsonFormat.parser().merge(decoded.body(), roundTrip);
      assertEquals(plain, roundTrip.getPayloads(0));
    }
  }

  @Test
  void answersTheBrowsersPreflightAndRejectsGarbage() throws Exception {
    try (CodecServer server = CodecServer.start(new PayloadEncryption("k1", KEY), "127.0.0.1", 0, "http://127.0.0.1:8233")) {
      HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(url(server, "/decode"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(204, preflight.statusCode());
      assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("X-Namespace"));

      HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(url(server, "/decode"))
          .POST(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, garbage.statusCode());
    }
  }

  private HttpResponse<String> post(CodecServer server, String path, Payloads payloads) throws Exception {
    return http.send(HttpRequest.newBuilder(url(server, path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().print(payloads))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(CodecServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
