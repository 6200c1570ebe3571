package io.spacetime.runbook.payloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.AbortReason;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.EmergencyApproval;
import io.spacetime.runbook.rollback.RollbackRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a person reads when a JSON input from the Web UI or the temporal CLI does not fit. */
class ExplainingJsonConverterTest {

  final DataConverter converter = TemporalConnection.dataConverter(TemporalSettings.from(Map.of()));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"dryrun\":true}"
          + "| deployment request is invalid: unknown field 'dryrun'; did you mean 'dryRun'? accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause",
      "{\"versoin\":\"v2.5.0\",\"environment\":\"sandbox\"}"
          + "| deployment request is invalid: unknown field 'versoin'; did you mean 'version'? accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause",
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"emergency\":\"yes\"}"
          + "| deployment request is invalid: field 'emergency': \"yes\" is not a boolean (true or false)",
      "[]"
          + "| deployment request is invalid: the input must be one JSON object like {\"environment\":\"production\",\"version\":\"v2.5.0\"}, got an array",
      "\"sandbox\""
          + "| deployment request is invalid: the input must be one JSON object like {\"environment\":\"production\",\"version\":\"v2.5.0\"}, got a string (\"sandbox\")",
      "{\"environment\":{\"name\":\"sandbox\"},\"version\":\"v2.5.0\"}"
          + "| deployment request is invalid: field 'environment': {\"name\":\"sandbox\"} is not a string",
      "{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"colour\":\"blue\"}"
          + "| deployment request is invalid: unknown field 'colour'; accepted fields: environment, version, dryRun, emergency, reason, requestedBy, watch, canary, batchSize, maxFailures, pause",
  })
  void deploymentInputThatDoesNotFitIsExplained(String json, String message) {
    assertEquals(message, rejection(json, DeploymentRequest.class));
  }

  @Test
  void rollbackAndApprovalNameTheirOwnFieldsAndExample() {
    assertEquals("rollback request is invalid: unknown field 'toversion'; did you mean 'toVersion'? accepted fields:"
        + " environment, reason, toVersion, requestedBy",
        rejection("{\"environment\":\"sandbox\",\"reason\":\"x\",\"toversion\":\"v2.4.0\"}", RollbackRequest.class));
    assertEquals("emergency approval is invalid: the input must be one JSON object like"
        + " {\"approver\":\"Dana\",\"reason\":\"CVE fix\"}, got a string (\"Dana\")",
        rejection("\"Dana\"", EmergencyApproval.class));
  }

  @Test
  void inputThatFitsReadsAsWithTheSdksConverter() {
    DeploymentRequest read = converter.fromPayload(json("{\"environment\":\"sandbox\",\"version\":\"v2.5.0\",\"dryRun\":true}"),
        DeploymentRequest.class, DeploymentRequest.class);

    assertEquals(new DeploymentRequest("sandbox", "v2.5.0", true, false, "", ""), read);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "\"wrong release\"                      | wrong release",
      "{\"reason\":\"wrong release\"}         | wrong release",
      "{\"why\":\"wrong release\"}            | {\"why\":\"wrong release\"}",
      "42                                     | 42",
  })
  void abortReasonIsReadFromAnyShape(String json, String reason) {
    assertEquals(reason, converter.fromPayload(json(json), AbortReason.class, AbortReason.class).text());
  }

  @Test
  void abortReasonIsWrittenAsTheJsonStringRecordedHistoriesHold() {
    assertEquals("\"wrong release\"", converter.toPayload(AbortReason.of("wrong release")).orElseThrow().getData().toStringUtf8());
  }

  private String rejection(String json, Class<?> type) {
    return assertThrows(DataConverterException.class, () -> converter.fromPayload(json(json), type, type)).getMessage();
  }

  private static Payload json(String json) {
    return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json)).build();
  }
}
