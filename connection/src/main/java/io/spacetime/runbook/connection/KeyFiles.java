package io.spacetime.runbook.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the payload keys a process is given ({@link TemporalSettings}): the active key from
 * {@code RUNBOOK_CODEC_KEY_FILE} (32 raw bytes or base64 text) or {@code RUNBOOK_CODEC_KEY}
 * (base64), and the decrypt-only keys of {@code RUNBOOK_CODEC_OLD_KEY_FILES}. Messages name the
 * setting, the key id and the file; never a byte of a key (not even Base64's "illegal character").
 */
final class KeyFiles {

  private KeyFiles() {}

  /** Key id to key bytes, the active key first. */
  static Map<String, byte[]> read(TemporalSettings settings) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(settings.codecKeyId(), settings.codecKeyFile().isEmpty()
        ? decodeBase64(settings.codecKey(), "RUNBOOK_CODEC_KEY")
        : readKeyFile(Path.of(settings.codecKeyFile()), "RUNBOOK_CODEC_KEY_FILE"));
    settings.codecOldKeyFiles().forEach((id, file) -> {
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException("key id '" + id + "' is both the active key (RUNBOOK_CODEC_KEY_ID) and in "
            + TemporalSettings.OLD_KEY_FILES + "; give each key its own id");
      }
      keys.put(id, readKeyFile(Path.of(file), TemporalSettings.OLD_KEY_FILES + " key '" + id + "'"));
    });
    return keys;
  }

  private static byte[] readKeyFile(Path file, String setting) {
    try {
      byte[] raw = Files.readAllBytes(file);
      return raw.length == 32 ? raw : decodeBase64(new String(raw, StandardCharsets.US_ASCII), setting + " " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] decodeBase64(String text, String source) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException notBase64) {
      // Not chained: Base64's message quotes the offending character of the key.
      throw new IllegalArgumentException(source + " is not base64 (make a key with: head -c 32 /dev/urandom | base64)");
    }
  }
}
