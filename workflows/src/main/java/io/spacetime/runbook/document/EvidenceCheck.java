package io.spacetime.runbook.document;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.ports.hosts.CommandEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gates of a {@code check} step over one host's evidence of an earlier {@code run} step:
 * exit code, output pattern (present or absent), and a number read from the output against its
 * limits. Pure functions of the evidence, so a replay judges the same way.
 */
final class EvidenceCheck {

  static final String GATE = "check";

  private EvidenceCheck() {}

  static List<GateResult> judge(CheckAction check, CommandEvidence ran) {
    String host = ran.host();
    String output = ran.stderrTail().isBlank() ? ran.stdoutTail() : ran.stdoutTail() + "\n" + ran.stderrTail();
    List<GateResult> gates = new ArrayList<>();
    if (check.exitCode() != null) {
      gates.add(ran.exitCode() == check.exitCode()
          ? GateResult.pass(GATE, "exit " + ran.exitCode() + " on " + host)
          : GateResult.fail(GATE, "exit " + ran.exitCode() + " on " + host + ", expected " + check.exitCode()));
    }
    if (check.outputMatches() != null) {
      gates.add(Pattern.compile(check.outputMatches()).matcher(output).find()
          ? GateResult.pass(GATE, "output on " + host + " matches /" + check.outputMatches() + "/")
          : GateResult.fail(GATE, "output on " + host + " has no match of /" + check.outputMatches() + "/"));
    }
    if (check.outputLacks() != null) {
      Matcher found = Pattern.compile(check.outputLacks()).matcher(output);
      gates.add(found.find()
          ? GateResult.fail(GATE, "output on " + host + " contains \"" + shown(found.group()) + "\" (/"
              + check.outputLacks() + "/ must not match)")
          : GateResult.pass(GATE, "output on " + host + " has no match of /" + check.outputLacks() + "/"));
    }
    if (check.value() != null) {
      gates.add(value(check.value(), output, host));
    }
    return gates;
  }

  private static GateResult value(CheckAction.ValueCheck v, String output, String host) {
    Matcher m = Pattern.compile(v.pattern()).matcher(output);
    if (!m.find() || m.group(1) == null) {
      return GateResult.fail(GATE, "no value matching /" + v.pattern() + "/ in the output on " + host);
    }
    double value;
    try {
      value = Double.parseDouble(m.group(1).replace(',', '.'));
    } catch (NumberFormatException e) {
      return GateResult.fail(GATE, "\"" + shown(m.group(1)) + "\" on " + host + " is not a number");
    }
    String shown = number(value) + v.unit() + " on " + host;
    if (v.max() != null && value > v.max()) {
      return GateResult.fail(GATE, shown + " > " + number(v.max()) + v.unit() + " allowed");
    }
    if (v.min() != null && value < v.min()) {
      return GateResult.fail(GATE, shown + " < " + number(v.min()) + v.unit() + " required");
    }
    return GateResult.pass(GATE, shown + " within " + (v.min() == null ? "" : ">= " + number(v.min()) + v.unit() + " ")
        + (v.max() == null ? "" : "<= " + number(v.max()) + v.unit()));
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String shown(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
