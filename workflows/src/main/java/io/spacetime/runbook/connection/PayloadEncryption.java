package io.spacetime.runbook.connection;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload (inputs, results, signals, activity arguments) with AES-256-GCM before it
 * leaves the process, so the Temporal server and its database only hold ciphertext. The key id is
 * stored in the payload's metadata, so a payload written with another key is reported by name
 * instead of failing obscurely. Each payload gets a fresh 96-bit nonce.
 *
 * <p>The Web UI shows ciphertext unless it is pointed at a codec endpoint that runs this codec
 * ({@code ./runbook codec-server}, then {@code temporal server start-dev --ui-codec-endpoint}).
 */
public final class PayloadEncryption implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String METADATA_ENCODING = "encoding";
  public static final String METADATA_KEY_ID = "encryption-key-id";
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String keyId;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public PayloadEncryption(String keyId, byte[] keyBytes) {
    if (keyBytes.length != 32) {
      throw new IllegalArgumentException("payload encryption key '" + keyId + "' must be 32 bytes (AES-256), it has "
          + keyBytes.length + "; make one with: head -c 32 /dev/urandom | base64 > codec.key");
    }
    this.keyId = keyId;
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  /** The key from {@code RUNBOOK_CODEC_KEY_FILE} (base64 text or 32 raw bytes) or {@code RUNBOOK_CODEC_KEY} (base64). */
  public static PayloadEncryption from(TemporalSettings settings) {
    byte[] keyBytes = settings.codecKeyFile().isEmpty()
        ? decodeBase64(settings.codecKey(), "RUNBOOK_CODEC_KEY")
        : readKeyFile(Path.of(settings.codecKeyFile()));
    return new PayloadEncryption(settings.codecKeyId(), keyBytes);
  }

  public String keyId() {
    return keyId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      byte[] data = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING, ByteString.copyFromUtf8(ENCODING))
          .putMetadata(METADATA_KEY_ID, ByteString.copyFromUtf8(keyId))
          .setData(ByteString.copyFrom(data))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataOrDefault(METADATA_ENCODING, ByteString.EMPTY);
    if (!ENCODING.equals(encoding.toStringUtf8())) {
      return payload; // written before encryption was switched on: still readable
    }
    String payloadKeyId = payload.getMetadataOrDefault(METADATA_KEY_ID, ByteString.EMPTY).toStringUtf8();
    if (!keyId.equals(payloadKeyId)) {
      throw new PayloadCodecException("payload was encrypted with key '" + payloadKeyId
          + "' but this process has key '" + keyId + "' (set RUNBOOK_CODEC_KEY_ID and the matching key)", null);
    }
    try {
      byte[] data = payload.getData().toByteArray();
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | IOException e) {
      throw new PayloadCodecException(e);
    }
  }

  private static byte[] readKeyFile(Path file) {
    try {
      byte[] raw = Files.readAllBytes(file);
      return raw.length == 32 ? raw : decodeBase64(new String(raw, StandardCharsets.US_ASCII), "RUNBOOK_CODEC_KEY_FILE " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("RUNBOOK_CODEC_KEY_FILE: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] decodeBase64(String text, String source) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64 (make one with: head -c 32 /dev/urandom | base64)", e);
    }
  }
}
