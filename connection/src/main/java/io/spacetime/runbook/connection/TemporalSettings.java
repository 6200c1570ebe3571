package io.spacetime.runbook.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where the worker and the CLI find Temporal, in one place. Every setting is read from an
 * environment variable, or from a properties file named by {@code RUNBOOK_CONFIG} with the same
 * keys (the environment wins):
 *
 * <pre>
 * TEMPORAL_ADDRESS          host:port of the frontend        (default 127.0.0.1:7233)
 * TEMPORAL_NAMESPACE        namespace                         (default "default")
 * RUNBOOK_TASK_QUEUE        task queue of the runbook worker  (default "runbooks")
 * TEMPORAL_TLS_CERT         mTLS client certificate (PEM)      (enables TLS)
 * TEMPORAL_TLS_KEY          mTLS client key (PKCS#8 PEM)
 * TEMPORAL_TLS_CA           CA bundle to trust instead of the system's
 * TEMPORAL_TLS_SERVER_NAME  override the TLS server name
 * TEMPORAL_API_KEY          API key (Temporal Cloud); implies TLS
 * RUNBOOK_CODEC_KEY_FILE    AES key file for payload encryption (see PayloadEncryption)
 * RUNBOOK_CODEC_KEY         the same key, base64, when a file is not practical
 * RUNBOOK_CODEC_KEY_ID      id of that key, stored in payload metadata (default "default")
 * RUNBOOK_CODEC_OLD_KEY_FILES  keys that only decrypt, as id=file pairs separated by commas:
 *                           "2025-06=/etc/runbook/codec-2025-06.key,2025-01=/etc/runbook/codec-2025-01.key"
 * </pre>
 *
 * <p>Key rotation: the key of {@code RUNBOOK_CODEC_KEY_FILE} (id {@code RUNBOOK_CODEC_KEY_ID})
 * encrypts everything this process writes; a payload is decrypted with the key its metadata names,
 * the active one or one of {@code RUNBOOK_CODEC_OLD_KEY_FILES}. To rotate, give every worker, CLI
 * and codec server the new key as the active one and the previous one as an old key; runs in flight
 * go on reading what was written before. Drop an old key once no open run (and no history you
 * still want to read) holds payloads written with it.
 *
 * Secrets (API key, private key, codec key) are read only where a connection is made, and are
 * never part of {@link #toString()}.
 */
public record TemporalSettings(
    String address,
    String namespace,
    String taskQueue,
    String tlsCertFile,
    String tlsKeyFile,
    String tlsCaFile,
    String tlsServerName,
    String apiKey,
    String codecKeyFile,
    String codecKey,
    String codecKeyId,
    Map<String, String> codecOldKeyFiles) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_TASK_QUEUE = "runbooks";
  public static final String OLD_KEY_FILES = "RUNBOOK_CODEC_OLD_KEY_FILES";

  public TemporalSettings {
    codecOldKeyFiles = Map.copyOf(codecOldKeyFiles);
  }

  /** Reads the process environment (and the {@code RUNBOOK_CONFIG} file it may name). */
  public static TemporalSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static TemporalSettings from(Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    String configFile = environment.get("RUNBOOK_CONFIG");
    if (configFile != null && !configFile.isBlank()) {
      values.putAll(readProperties(Path.of(configFile)));
    }
    environment.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        values.put(k, v);
      }
    });
    return new TemporalSettings(
        values.getOrDefault("TEMPORAL_ADDRESS", DEFAULT_ADDRESS),
        values.getOrDefault("TEMPORAL_NAMESPACE", "default"),
        values.getOrDefault("RUNBOOK_TASK_QUEUE", DEFAULT_TASK_QUEUE),
        values.getOrDefault("TEMPORAL_TLS_CERT", ""),
        values.getOrDefault("TEMPORAL_TLS_KEY", ""),
        values.getOrDefault("TEMPORAL_TLS_CA", ""),
        values.getOrDefault("TEMPORAL_TLS_SERVER_NAME", ""),
        values.getOrDefault("TEMPORAL_API_KEY", ""),
        values.getOrDefault("RUNBOOK_CODEC_KEY_FILE", ""),
        values.getOrDefault("RUNBOOK_CODEC_KEY", ""),
        values.getOrDefault("RUNBOOK_CODEC_KEY_ID", "default"),
        oldKeyFiles(values.getOrDefault(OLD_KEY_FILES, "")));
  }

  public TemporalSettings withAddress(String newAddress) {
    return new TemporalSettings(newAddress, namespace, taskQueue, tlsCertFile, tlsKeyFile, tlsCaFile,
        tlsServerName, apiKey, codecKeyFile, codecKey, codecKeyId, codecOldKeyFiles);
  }

  public TemporalSettings withNamespace(String newNamespace) {
    return new TemporalSettings(address, newNamespace, taskQueue, tlsCertFile, tlsKeyFile, tlsCaFile,
        tlsServerName, apiKey, codecKeyFile, codecKey, codecKeyId, codecOldKeyFiles);
  }

  public TemporalSettings withTaskQueue(String newTaskQueue) {
    return new TemporalSettings(address, namespace, newTaskQueue, tlsCertFile, tlsKeyFile, tlsCaFile,
        tlsServerName, apiKey, codecKeyFile, codecKey, codecKeyId, codecOldKeyFiles);
  }

  public boolean mtls() {
    return !tlsCertFile.isEmpty();
  }

  public boolean tls() {
    return mtls() || !apiKey.isEmpty() || !tlsCaFile.isEmpty();
  }

  public boolean encryptsPayloads() {
    return !codecKeyFile.isEmpty() || !codecKey.isEmpty();
  }

  @Override
  public String toString() {
    return address + " namespace=" + namespace + " taskQueue=" + taskQueue
        + (mtls() ? " mTLS" : tls() ? " TLS" : "")
        + (apiKey.isEmpty() ? "" : " apiKey=***")
        + (encryptsPayloads() ? " payloads=AES-GCM(" + codecKeyId + ")" : "")
        + (codecOldKeyFiles.isEmpty() ? "" : " decrypting also " + new TreeSet<>(codecOldKeyFiles.keySet()));
  }

  /** {@code id=file,id=file}: every entry must name an id and a file, each id once. */
  private static Map<String, String> oldKeyFiles(String setting) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String entry : setting.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String id = eq < 0 ? "" : entry.substring(0, eq).strip();
      String file = eq < 0 ? "" : entry.substring(eq + 1).strip();
      if (id.isEmpty() || file.isEmpty()) {
        throw new IllegalArgumentException(OLD_KEY_FILES + ": '" + entry.strip() + "' is not id=file; expected e.g. "
            + OLD_KEY_FILES + "=2025-06=/etc/runbook/codec-2025-06.key,2025-01=/etc/runbook/codec-2025-01.key");
      }
      if (files.put(id, file) != null) {
        throw new IllegalArgumentException(OLD_KEY_FILES + " names key id '" + id + "' twice; give each key its own id");
      }
    }
    return files;
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read RUNBOOK_CONFIG file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    properties.forEach((k, v) -> values.put(k.toString(), v.toString().trim()));
    return values;
  }

  static InputStream open(String file, String setting) {
    try {
      return Files.newInputStream(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
