package io.spacetime.runbook.payloads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.spacetime.runbook.connection.PayloadEncryption;
import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.connection.TemporalSettings;
import io.spacetime.runbook.core.Outcome;
import io.spacetime.runbook.deployment.DeploymentRequest;
import io.spacetime.runbook.deployment.DeploymentResult;
import io.spacetime.runbook.deployment.DeploymentWorkflow;
import io.spacetime.runbook.testing.FakeEnvironmentHosts;
import io.spacetime.runbook.testing.RunbookTestbed;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadEncryptionTest {

  static final String SECRET = "hunter2-S3CR3T-TOKEN-4f9c";
  /** Only in the failure message of an activity: a host and a path an attacker should not learn from the database. */
  static final String FAILURE_MARKER = "bastion-7f3a.corp.internal";
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] KEY_2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

  @Test
  void encryptedPayloadDecodesToTheOriginal() {
    PayloadEncryption codec = new PayloadEncryption("k1", KEY);
    Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"reason\":\"" + SECRET + "\"}")).build();

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertFalse(sealed.getData().toStringUtf8().contains(SECRET));
    assertEquals("k1", sealed.getMetadataOrThrow(PayloadEncryption.METADATA_KEY_ID).toStringUtf8());
    assertEquals(plain, codec.decode(List.of(sealed)).get(0));
  }

  @Test
  void payloadOfAnotherKeyIsRefusedByName() {
    Payload sealed = new PayloadEncryption("old-key", KEY).encode(List.of(Payload.getDefaultInstance())).get(0);

    PayloadCodecException e = assertThrows(PayloadCodecException.class,
        () -> new PayloadEncryption("new-key", KEY).decode(List.of(sealed)));

    assertTrue(e.getMessage().contains("old-key"), e.getMessage());
  }

  @Test
  void oldKeyStillDecryptsWhileTheActiveKeyEncrypts() {
    Payload plain = Payload.newBuilder().setData(ByteString.copyFromUtf8("written under k1")).build();
    Payload underK1 = new PayloadEncryption("k1", KEY).encode(List.of(plain)).get(0);
    PayloadEncryption rotated = new PayloadEncryption("k2", Map.of("k2", KEY_2, "k1", KEY));

    assertEquals(plain, rotated.decode(List.of(underK1)).get(0));
    Payload underK2 = rotated.encode(List.of(plain)).get(0);
    assertEquals("k2", underK2.getMetadataOrThrow(PayloadEncryption.METADATA_KEY_ID).toStringUtf8());
    assertThrows(PayloadCodecException.class, () -> new PayloadEncryption("k1", KEY).decode(List.of(underK2)));
  }

  @Test
  void payloadOfAnUnknownKeyNamesTheKeyIdAndTheSettingThatAddsIt() {
    Payload sealed = new PayloadEncryption("2025-01", KEY).encode(List.of(Payload.getDefaultInstance())).get(0);

    PayloadCodecException e = assertThrows(PayloadCodecException.class,
        () -> new PayloadEncryption("2025-06", KEY_2).decode(List.of(sealed)));

    assertTrue(e.getMessage().contains("encrypted with key '2025-01'"), e.getMessage());
    assertTrue(e.getMessage().contains("RUNBOOK_CODEC_OLD_KEY_FILES=2025-01=/path/to/its.key"), e.getMessage());
  }

  @Test
  void oldKeysAreReadFromTheirFilesByIdAndOnlyTheirIdsAreShown(@TempDir Path dir) throws Exception {
    Path active = Files.write(dir.resolve("new.key"), Base64.getEncoder().encode(KEY_2));
    Path old = Files.write(dir.resolve("old.key"), KEY);
    TemporalSettings settings = TemporalSettings.from(Map.of("RUNBOOK_CODEC_KEY_FILE", active.toString(),
        "RUNBOOK_CODEC_KEY_ID", "2025-06", "RUNBOOK_CODEC_OLD_KEY_FILES", "2025-01=" + old + ", 2024-07=" + old));
    Payload underOld = new PayloadEncryption("2025-01", KEY).encode(List.of(Payload.getDefaultInstance())).get(0);

    PayloadEncryption codec = PayloadEncryption.from(settings);

    assertEquals("2025-06", codec.keyId());
    assertEquals(Set.of("2025-06", "2025-01", "2024-07"), codec.keyIds());
    assertEquals(Payload.getDefaultInstance(), codec.decode(List.of(underOld)).get(0));
    for (String shown : List.of(settings.toString(), codec.toString())) {
      assertTrue(shown.contains("2025-01"), shown);
      assertFalse(shown.contains(new String(KEY, StandardCharsets.US_ASCII)), shown);
      assertFalse(shown.contains(Base64.getEncoder().encodeToString(KEY_2)), shown);
    }
  }

  @Test
  void keySettingsThatCannotWorkAreRefusedWithoutShowingTheKey() {
    String notBase64 = "s3cr3t-but-not-base64!";
    IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
        () -> PayloadEncryption.from(TemporalSettings.from(Map.of("RUNBOOK_CODEC_KEY", notBase64))));
    IllegalArgumentException badEntry = assertThrows(IllegalArgumentException.class,
        () -> TemporalSettings.from(Map.of("RUNBOOK_CODEC_OLD_KEY_FILES", "/etc/runbook/old.key")));
    IllegalArgumentException sameId = assertThrows(IllegalArgumentException.class,
        () -> PayloadEncryption.from(TemporalSettings.from(Map.of("RUNBOOK_CODEC_KEY",
            Base64.getEncoder().encodeToString(KEY), "RUNBOOK_CODEC_OLD_KEY_FILES", "default=/etc/runbook/old.key"))));
    IllegalArgumentException noActive = assertThrows(IllegalArgumentException.class,
        () -> TemporalConnection.dataConverter(TemporalSettings.from(Map.of("RUNBOOK_CODEC_OLD_KEY_FILES", "a=/x"))));

    assertTrue(badKey.getMessage().contains("RUNBOOK_CODEC_KEY is not base64"), badKey.getMessage());
    assertFalse(String.valueOf(badKey.getMessage()).contains(notBase64));
    assertEquals(null, badKey.getCause(), "Base64's own message quotes the key");
    assertTrue(badEntry.getMessage().contains("'/etc/runbook/old.key' is not id=file"), badEntry.getMessage());
    assertTrue(sameId.getMessage().contains("key id 'default' is both the active key"), sameId.getMessage());
    assertTrue(noActive.getMessage().contains("no active key"), noActive.getMessage());
  }

  @Test
  void tamperedCiphertextIsRejected() {
    PayloadEncryption codec = new PayloadEncryption("k1", KEY);
    Payload sealed = codec.encode(List.of(Payload.newBuilder().setData(ByteString.copyFromUtf8("x")).build())).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
  }

  @Test
  void keyOfTheWrongSizeIsRefusedWithHowToMakeOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PayloadEncryption("k", new byte[16]));
    assertTrue(e.getMessage().contains("head -c 32 /dev/urandom"));
  }

  @Test
  void keyIsReadFromBase64Setting() {
    TemporalSettings settings = TemporalSettings.from(Map.of("RUNBOOK_CODEC_KEY", Base64.getEncoder().encodeToString(KEY)));
    assertTrue(settings.encryptsPayloads());
    assertFalse(settings.toString().contains(Base64.getEncoder().encodeToString(KEY)), "the key never reaches logs");
    Payload p = Payload.newBuilder().setData(ByteString.copyFromUtf8("x")).build();
    assertArrayEquals(p.toByteArray(),
        PayloadEncryption.from(settings).decode(new PayloadEncryption("default", KEY).encode(List.of(p))).get(0).toByteArray());
  }

  @Test
  void secretInAWorkflowInputNeverAppearsInTheRawHistory() {
    String history = runDeploymentAndFetchHistory(encryptingConverter());

    assertFalse(history.contains(SECRET), "plaintext secret in history");
    assertFalse(decodedPayloads(history).contains(SECRET), "secret inside a payload of the history");
    // JSON history escapes base64 padding ("=" as \u003d): compare the unpadded form.
    assertTrue(history.contains(Base64.getEncoder().withoutPadding()
            .encodeToString(PayloadEncryption.ENCODING.getBytes(StandardCharsets.UTF_8))),
        "payload metadata says binary/encrypted");
  }

  @Test
  void withoutAKeyTheSameInputIsReadableInHistory() {
    // The control for the test above: the check would see the secret if it were there.
    String history = runDeploymentAndFetchHistory(TemporalConnection.dataConverter(TemporalSettings.from(Map.of())));

    assertTrue(decodedPayloads(history).contains(SECRET), "the unencrypted history holds the input");
  }

  @Test
  void failureMessageOfAnActivityNeverAppearsInTheRawHistory() {
    String history = runFailingDeploymentAndFetchHistory(encryptingConverter());

    assertFalse(history.contains(FAILURE_MARKER), "plaintext failure message in history");
    assertFalse(decodedPayloads(history).contains(FAILURE_MARKER), "failure message inside a payload of the history");
    assertTrue(history.contains("Encoded failure"), "the server keeps the SDK's placeholder instead of the message");
  }

  @Test
  void withoutAKeyTheSameFailureMessageIsReadableInHistory() {
    // The control for the test above: the check would see the message if it were there.
    String history = runFailingDeploymentAndFetchHistory(TemporalConnection.dataConverter(TemporalSettings.from(Map.of())));

    assertTrue(history.contains(FAILURE_MARKER), "the unencrypted history holds the failure message");
  }

  private static DataConverter encryptingConverter() {
    return TemporalConnection.dataConverter(
        TemporalSettings.from(Map.of("RUNBOOK_CODEC_KEY", Base64.getEncoder().encodeToString(KEY))));
  }

  private static String runDeploymentAndFetchHistory(DataConverter converter) {
    Finished run = runDeployment(converter, new FakeEnvironmentHosts(),
        new DeploymentRequest("sandbox", "v2.5.0", false, false, SECRET, "dana"));
    assertEquals(Outcome.SUCCEEDED, run.result().outcome(), run.result().message());
    return run.history();
  }

  /** A copy on api-2 fails with a message naming a host and a path: the run rolls back, the message reaches the client. */
  private static String runFailingDeploymentAndFetchHistory(DataConverter converter) {
    FakeEnvironmentHosts hosts = new FakeEnvironmentHosts();
    hosts.failOn("copyRelease api-2", "cp: cannot stat '/mnt/" + FAILURE_MARKER + "/staging': No such file or directory");
    Finished run = runDeployment(converter, hosts, DeploymentRequest.of("sandbox", "v2.5.0"));
    assertEquals(Outcome.ROLLED_BACK, run.result().outcome(), run.result().message());
    assertTrue(run.result().failedGate().contains(FAILURE_MARKER), "the run read the decoded failure: " + run.result().failedGate());
    return run.history();
  }

  /** A run's result as its client reads it, and its raw history (protobuf JSON) as the server holds it. */
  private record Finished(DeploymentResult result, String history) {}

  private static Finished runDeployment(DataConverter converter, FakeEnvironmentHosts hosts, DeploymentRequest request) {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(RunbookTestbed.environmentOptions(converter)
        .setInitialTime(RunbookTestbed.TUESDAY_MORNING).build())) {
      Worker worker = env.newWorker("runbooks");
      RunbookTestbed.registerWorkflows(worker);
      worker.registerActivitiesImplementations(hosts);
      env.start();
      DeploymentWorkflow run = env.getWorkflowClient().newWorkflowStub(DeploymentWorkflow.class,
          WorkflowOptions.newBuilder().setTaskQueue("runbooks").setWorkflowId("codec-test").build());
      DeploymentResult result = run.deploy(request);
      return new Finished(result, env.getWorkflowClient().fetchHistory("codec-test").toJson(true));
    }
  }

  /** JSON history holds payload data base64-encoded: decode every "data" field to look inside. */
  private static String decodedPayloads(String historyJson) {
    StringBuilder all = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"data\":\\s*\"([A-Za-z0-9+/=\\\\u]+)\"").matcher(historyJson);
    while (m.find()) {
      all.append(new String(Base64.getDecoder().decode(m.group(1).replace("\\u003d", "=")), StandardCharsets.UTF_8));
    }
    return all.toString();
  }
}
