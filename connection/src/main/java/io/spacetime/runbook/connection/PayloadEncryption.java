package io.spacetime.runbook.connection;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload (inputs, results, signals, activity arguments, and with
 * {@link TemporalConnection#dataConverter} failure messages and stack traces) with AES-256-GCM
 * before it leaves the process, so the Temporal server and its database only hold ciphertext of
 * them. Each payload gets a fresh 96-bit nonce and names its key id in its metadata (the id is
 * authenticated with the data).
 *
 * <p>Key rotation: it encrypts with its one active key and decrypts with whichever of its keys the
 * payload names, so runs written under an old key go on after the active key changes. A payload
 * of a key it does not hold fails with a message naming that key id and the setting that adds it.
 * Key material never appears in {@link #toString()} or in any message.
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
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /** One key, for encryption and decryption. */
  public PayloadEncryption(String keyId, byte[] keyBytes) {
    this(keyId, Map.of(keyId, keyBytes));
  }

  /**
   * @param activeKeyId the key that encrypts; it must be one of {@code keys}
   * @param keys every key this process decrypts with, by id
   */
  public PayloadEncryption(String activeKeyId, Map<String, byte[]> keys) {
    if (!keys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException("the active payload key '" + activeKeyId + "' is not among the keys " + keys.keySet());
    }
    Map<String, SecretKey> specs = new LinkedHashMap<>();
    keys.forEach((id, bytes) -> specs.put(id, aesKey(id, bytes)));
    this.keyId = activeKeyId;
    this.keys = Map.copyOf(specs);
  }

  /** The keys of {@link TemporalSettings}: the active one and the decrypt-only ones. */
  public static PayloadEncryption from(TemporalSettings settings) {
    return new PayloadEncryption(settings.codecKeyId(), KeyFiles.read(settings));
  }

  /** The id of the key that encrypts. */
  public String keyId() {
    return keyId;
  }

  /** The ids of every key that decrypts (the active one included). */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  @Override
  public String toString() {
    return "AES-256-GCM payload encryption, encrypting with key '" + keyId + "', decrypting keys " + keys.keySet();
  }

  private Payload encrypt(Payload payload) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
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
    SecretKey key = keys.get(payloadKeyId);
    if (key == null) {
      throw new PayloadCodecException("payload was encrypted with key '" + payloadKeyId + "', which this process does"
          + " not have (it encrypts with '" + keyId + "' and decrypts " + keys.keySet() + "): add that key for"
          + " decryption with " + TemporalSettings.OLD_KEY_FILES + "=" + payloadKeyId + "=/path/to/its.key", null);
    }
    try {
      byte[] data = payload.getData().toByteArray();
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(payloadKeyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | IOException e) {
      throw new PayloadCodecException("payload encrypted with key '" + payloadKeyId + "' does not decrypt with this"
          + " process's key of that id (a different key under the same id, or tampered data): " + e, null);
    }
  }

  private static SecretKey aesKey(String id, byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("payload encryption key '" + id + "' must be 32 bytes (AES-256), it has "
          + bytes.length + "; make one with: head -c 32 /dev/urandom | base64 > codec.key");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
