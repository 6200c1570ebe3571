package io.spacetime.runbook.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bearer tokens on everything but /healthz; a refused request starts nothing and no token is ever logged. */
class IntakeAuthenticationTest {

  @RegisterExtension final IntakeTestbed intake = IntakeTestbed.withWorker();

  private static final String REPORT = "{\"type\":\"high-error-rate\",\"environment\":\"production\",\"summary\":\"5xx at 7 %\"}";

  @Test
  void aRequestWithoutATokenIs401WithAChallengeAndStartsNothing() {
    HttpResponse<String> response = intake.send("POST", "/v1/incidents", REPORT, null, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"runbook-intake\"");
    assertThat(IntakeTestbed.json(response).get("field").asText()).isEqualTo("Authorization");
    assertThat(intake.sentToTemporal()).isEmpty();
    intake.assertNoRun("incident-production-high-error-rate");
  }

  @Test
  void aWrongTokenIs401InvalidTokenAndStartsNothing() {
    String wrong = "wrong-token-0000000000000000";
    HttpResponse<String> response = intake.send("POST", "/v1/incidents", REPORT, wrong, Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    assertThat(response.body()).doesNotContain(wrong);
    assertThat(intake.sentToTemporal()).isEmpty();
    assertThat(intake.logLines()).noneMatch(line -> line.contains(wrong));
  }

  @Test
  void aTokenInAnotherSchemeIsRefused() {
    HttpResponse<String> response = intake.send("GET", "/v1/incidents", null, null,
        Map.of("Authorization", "Basic " + IntakeTestbed.TOKEN));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void eachConfiguredTokenIsAcceptedAndNeverLoggedOrStored() {
    HttpResponse<String> first = intake.send("POST", "/v1/incidents", REPORT, IntakeTestbed.TOKEN, Map.of());
    HttpResponse<String> second = intake.send("GET", "/v1/incidents", null, IntakeTestbed.OTHER_TOKEN, Map.of());

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(intake.logLines()).anyMatch(line -> line.contains("method=POST path=/v1/incidents status=202"));
    assertThat(intake.logLines()).noneMatch(line -> line.contains(IntakeTestbed.TOKEN) || line.contains(IntakeTestbed.OTHER_TOKEN));
    String history = intake.temporal().fetchHistory("incident-production-high-error-rate").getHistory().toString();
    assertThat(history).contains("5xx at 7 %").doesNotContain(IntakeTestbed.TOKEN);
  }

  @Test
  void aPathCannotForgeAnAccessLogLine() {
    intake.get("/v1/incidents/x%0Amethod=POST%20path=/v1/deployments%20status=202");

    assertThat(intake.logLines()).filteredOn(line -> line.contains("path=/v1/incidents/x"))
        .singleElement().asString().doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void healthzNeedsNoToken() {
    HttpResponse<String> response = intake.send("GET", "/healthz", null, null, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(IntakeTestbed.json(response).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void anUnknownPathIsNotRevealedWithoutAToken() {
    assertThat(intake.send("GET", "/v1/nothing-here", null, null, Map.of()).statusCode()).isEqualTo(401);
    HttpResponse<String> authenticated = intake.get("/v1/nothing-here");
    assertThat(authenticated.statusCode()).isEqualTo(404);
    assertThat(IntakeTestbed.json(authenticated).get("error").asText()).contains("/openapi.yaml");
  }
}
