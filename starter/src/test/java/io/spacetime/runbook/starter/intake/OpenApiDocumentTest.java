package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document in the repository and the routes the server registers are the same set. */
class OpenApiDocumentTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() throws Exception {
    JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(IntakeServer.openApi());

    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(documented(document)).containsExactlyInAnyOrderElementsOf(intake.server().routes());
    assertThat(intake.server().routes()).contains("POST /v1/alerts/alertmanager", "GET /v1/runs/{id}", "GET /healthz");
  }

  @Test
  void everyOperationDocumentsItsSuccessAndTheProtectedOnesTheir401() throws Exception {
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(IntakeServer.openApi()).get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = o.next();
        JsonNode responses = operation.getValue().get("responses");
        String name = operation.getKey() + " " + path.getKey();
        assertThat(responses.fieldNames()).as(name).toIterable().anyMatch(code -> code.startsWith("2"));
        if (!path.getKey().equals("/healthz")) {
          assertThat(responses.has("401")).as(name + " documents 401").isTrue();
        }
      }
    }
  }

  @Test
  void theDocumentIsServedAsKeptInTheRepository() {
    HttpResponse<String> served = intake.get("/openapi.yaml");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(IntakeServer.openApi());
  }

  private static List<String> documented(JsonNode document) {
    List<String> routes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> p = document.get("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return routes;
  }
}
