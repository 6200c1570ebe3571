package io.spacetime.runbook.adapters.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile words go through a real shell and come out verbatim, with nothing executed. */
class ShellQuoteTest {

  static final List<String> HOSTILE = List.of(
      "$(touch pwned)",
      "`touch pwned`",
      ";touch pwned",
      "; rm -rf / ;",
      "it's",
      "'",
      "''",
      "\"double\" and 'single'",
      "a\nb\ntouch pwned",
      "*",
      "~",
      "~/x",
      "$HOME",
      "${PATH}",
      "a b  c",
      "-n",
      "a=b",
      "{a,b}",
      "&& touch pwned",
      "| touch pwned",
      "> pwned",
      "#comment",
      "\\",
      "!",
      "tab\there",
      "",
      "naïve ünïcödé ✓");

  @TempDir Path dir;

  static Stream<String> shells() {
    return Stream.of("/bin/sh", "/bin/bash").filter(shell -> Files.isExecutable(Path.of(shell)));
  }

  @ParameterizedTest
  @MethodSource("shells")
  void hostileWordsComeOutVerbatimAndNothingRuns(String shell) throws Exception {
    for (String word : HOSTILE) {
      ShellCommand command = ShellCommand.of("printf", "%s", word);
      assertEquals(word, run(shell, command.text()), "through " + shell + ": " + command);
    }
    assertFalse(Files.exists(dir.resolve("pwned")), "a quoted word was executed");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void everyArgumentStaysOneArgument(String shell) throws Exception {
    ShellCommand command = ShellCommand.of("printf", "[%s]", "a b", "", "c'd", "e\nf");
    assertEquals("[a b][][c'd][e\nf]", run(shell, command.text()));
  }

  @Test
  void quotesInTheRunbookStyle() {
    assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    assertEquals("''", ShellQuote.quote(""));
    assertEquals("/opt/spacetime/production-v2.5.0", ShellQuote.quote("/opt/spacetime/production-v2.5.0"));
    assertEquals("'$(id)'", ShellQuote.quote("$(id)"));
    assertEquals("'a=b'", ShellQuote.quote("a=b"));
  }

  @Test
  void refusesNulBytes() {
    assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
  }

  @Test
  void configuredCommandsGetQuotedPlaceholdersAndKeepOtherBraces() throws Exception {
    Map<String, String> values = Map.of("deployRoot", "/opt/space time/$(touch pwned)", "host", "api-1");
    ShellCommand command = ShellCommand.configured(
        "printf '%s|' {deployRoot} {host} {unknown} && echo x | awk '{print $1}'", values);
    assertEquals("/opt/space time/$(touch pwned)|api-1|{unknown}|x\n", run("/bin/sh", command.text()));
    assertFalse(Files.exists(dir.resolve("pwned")));
  }

  @Test
  void templatesRequireEveryPlaceholder() {
    assertThrows(IllegalArgumentException.class, () -> ShellCommand.template("ls {dir}", Map.of()));
  }

  @Test
  void sectionsCarryOutputAndExitStatus() throws Exception {
    ShellCommand script = ShellCommand.sequence(List.of(
        ShellCommand.of("printf", "one\ntwo\n").asSection("a"),
        ShellCommand.of("printf", "no newline").asSection("b"),
        ShellCommand.of("false").asSection("c"),
        ShellCommand.configured("exit 7", Map.of()).subshell().asSection("d")));
    Sections sections = Sections.parse(run("/bin/sh", script.text()));
    assertEquals(new Sections.Section("one\ntwo\n", 0), sections.find("a").orElseThrow());
    assertEquals(new Sections.Section("no newline", 0), sections.find("b").orElseThrow());
    assertEquals(new Sections.Section("", 1), sections.find("c").orElseThrow());
    assertEquals(7, sections.find("d").orElseThrow().exitCode());
  }

  private String run(String shell, String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(shell, "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }
}
