package io.spacetime.runbook.adapters.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The last {@code capacity} bytes of a stream; everything before is counted and dropped. */
final class OutputTail {

  private final byte[] ring;
  private long total;

  OutputTail(int capacity) {
    this.ring = new byte[capacity];
  }

  /** Reads {@code in} to its end, keeping the tail. Used on a drain thread per stream. */
  static OutputTail drain(InputStream in, int capacity) throws IOException {
    OutputTail tail = new OutputTail(capacity);
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      tail.append(buffer, 0, n);
    }
    return tail;
  }

  void append(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) (total++ % ring.length)] = bytes[offset + i];
    }
  }

  long totalBytes() {
    return total;
  }

  /** The last {@code maxBytes} (at most the capacity) as UTF-8, without a cut character at the start. */
  String text(int maxBytes) {
    int kept = (int) Math.min(Math.min(total, ring.length), maxBytes);
    byte[] out = new byte[kept];
    long start = total - kept;
    for (int i = 0; i < kept; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    int from = 0;
    if (start > 0) {
      while (from < out.length && (out[from] & 0xC0) == 0x80) {
        from++; // a UTF-8 continuation byte: the character began before the tail
      }
    }
    return new String(out, from, out.length - from, StandardCharsets.UTF_8);
  }
}
