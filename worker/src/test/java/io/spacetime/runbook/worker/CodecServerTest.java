package io.spacetime.runbook.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.spacetime.runbook.connection.PayloadEncryption;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecServerTest {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] NEW_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
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

  /** After a key rotation the Web UI still shows runs written under the old key, and what it sends is sealed with the new one. */
  @Test
  void decodesWithEveryKeyAndEncodesWithTheActiveOne() throws Exception {
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"reason\":\"written under the old key\"}")).build();
    Payload underOld = new PayloadEncryption("old", KEY).encode(List.of(plain)).get(0);
    PayloadEncryption rotated = new PayloadEncryption("new", Map.of("new", NEW_KEY, "old", KEY));
    try (CodecServer server = CodecServer.start(rotated, "127.0.0.1", 0, "http://127.0.0.1:8233")) {
      Payloads.Builder decoded = Payloads.newBuilder();
      JsonFormat.parser().merge(post(server, "/decode", Payloads.newBuilder().addPayloads(underOld).build()).body(), decoded);
      Payloads.Builder encoded = Payloads.newBuilder();
      JsonFormat.parser().merge(post(server, "/encode", Payloads.newBuilder().addPayloads(plain).build()).body(), encoded);

      assertEquals(plain, decoded.getPayloads(0));
      assertEquals("new", encoded.getPayloads(0).getMetadataOrThrow(PayloadEncryption.METADATA_KEY_ID).toStringUtf8());
    }
  }

  /**
   * With failure attributes encoded, the server holds "Encoded failure" and a payload for each
   * failure's message and stack trace; the UI decodes that payload here like any other.
   */
  @Test
  void decodesTheEncodedAttributesOfAFailure() throws Exception {
    PayloadEncryption codec = new PayloadEncryption("k1", KEY);
    Failure failure = new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true)
        .exceptionToFailure(ApplicationFailure.newFailure("cp failed on db-7.corp", "CopyFailed"));
    try (CodecServer server = CodecServer.start(codec, "127.0.0.1", 0, "http://127.0.0.1:8233")) {
      HttpResponse<String> decoded = post(server, "/decode",
          Payloads.newBuilder().addPayloads(failure.getEncodedAttributes()).build());

      assertEquals("Encoded failure", failure.getMessage());
      Payloads.Builder attributes = Payloads.newBuilder();
      JsonFormat.parser().merge(decoded.body(), attributes);
      assertTrue(attributes.getPayloads(0).getData().toStringUtf8().contains("\"message\":\"cp failed on db-7.corp\""),
          attributes.getPayloads(0).getData().toStringUtf8());
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
