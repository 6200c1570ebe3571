package io.spacetime.runbook.sandbox.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLogTest {

  @TempDir Path dir;

  @Test
  void keepsEachCommandOnOneLineAndReadsItBackUnchanged() throws Exception {
    Path log = dir.resolve(CommandLog.FILE_NAME);
    String multiLine = "cat <<'EOF'\nback\\slash 'quoted'\r\nEOF";

    CommandLog.append(log, "uptime");
    CommandLog.append(log, multiLine);

    assertEquals(List.of("uptime", multiLine), CommandLog.read(log));
    assertEquals(2, java.nio.file.Files.readAllLines(log).size());
  }

  @Test
  void readsNothingFromAHostThatReceivedNothing() throws Exception {
    assertEquals(List.of(), CommandLog.read(dir.resolve(CommandLog.FILE_NAME)));
  }
}
