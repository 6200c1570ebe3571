package io.spacetime.runbook.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders a run as Markdown: the report returned with the result (and printed by the CLI), and
 * the short "current details" the Temporal Web UI shows while the run goes on.
 */
public final class MarkdownReport {

  private static final int MAX_OUTPUT_CHARS = 600;

  private MarkdownReport() {}

  /** The full report: heading, outcome, and every step with its gates and evidence. */
  public static String render(String title, Outcome outcome, String conclusion, List<StepResult> steps) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("**Outcome:** ").append(outcome).append("\n\n");
    if (!conclusion.isEmpty()) {
      md.append(conclusion).append("\n\n");
    }
    md.append("| # | Step | Host | Status | Summary |\n|---|---|---|---|---|\n");
    int n = 1;
    for (StepResult s : steps) {
      md.append("| ").append(n++).append(" | ").append(cell(new Step(s.id(), s.title()).label()))
          .append(" | ").append(cell(s.host())).append(" | ").append(s.status())
          .append(" | ").append(cell(s.summary())).append(" |\n");
    }
    md.append("\n## Evidence\n");
    for (StepResult s : steps) {
      if (s.gates().isEmpty() && s.evidence().isEmpty()) {
        continue;
      }
      md.append("\n### ").append(s.label()).append(" — ").append(s.status()).append("\n\n");
      for (GateResult g : s.gates()) {
        md.append("- ").append(g.passed() ? "✅ " : "❌ ").append(g.gate()).append(": ").append(g.reason()).append('\n');
      }
      appendItems(md, s.items());
      for (Evidence e : s.evidence()) {
        appendEvidence(md, e);
      }
    }
    appendCoverage(md, steps);
    return md.toString();
  }

  /**
   * One line per runbook section with a verification list: how many of its items the run checked
   * (on every host it ran on), and each item it did not check with why.
   */
  public static List<String> coverage(List<StepResult> steps) {
    Map<String, Map<String, List<ItemCheck>>> bySection = new java.util.LinkedHashMap<>();
    for (StepResult s : steps) {
      if (s.items().isEmpty()) {
        continue;
      }
      Map<String, List<ItemCheck>> items = bySection.computeIfAbsent(new Step(s.id(), s.title()).label(),
          k -> new java.util.LinkedHashMap<>());
      s.items().forEach(i -> items.computeIfAbsent(i.item(), k -> new java.util.ArrayList<>()).add(i));
    }
    List<String> lines = new java.util.ArrayList<>();
    bySection.forEach((section, items) -> {
      List<String> notChecked = new java.util.ArrayList<>();
      int checked = 0;
      for (Map.Entry<String, List<ItemCheck>> item : items.entrySet()) {
        List<ItemCheck> here = item.getValue().stream().filter(i -> i.status() != ItemCheck.Status.ELSEWHERE).toList();
        java.util.Optional<ItemCheck> missing = here.isEmpty() ? java.util.Optional.of(item.getValue().get(0))
            : here.stream().filter(i -> !i.status().checked()).findFirst();
        if (missing.isEmpty()) {
          checked++;
        } else {
          notChecked.add(item.getKey() + ": " + missing.get().detail());
        }
      }
      lines.add(section + ": " + checked + " of " + items.size() + " verification items checked"
          + (notChecked.isEmpty() ? "" : ", " + notChecked.size() + " not checked (" + String.join("; ", notChecked) + ")"));
    });
    return lines;
  }

  private static void appendCoverage(StringBuilder md, List<StepResult> steps) {
    List<String> lines = coverage(steps);
    if (lines.isEmpty()) {
      return;
    }
    md.append("\n## What the runbook's verification lists got\n\n");
    lines.forEach(line -> md.append("- ").append(line).append('\n'));
  }

  private static void appendItems(StringBuilder md, List<ItemCheck> items) {
    for (ItemCheck i : items) {
      String mark = switch (i.status()) {
        case PASSED -> "✅ ";
        case FAILED -> "❌ ";
        case NOT_CHECKED -> "⚪ not checked: ";
        case ELSEWHERE -> "↪ ";
      };
      md.append("- ").append(mark).append(i.item()).append(i.detail().isEmpty() ? "" : " — " + i.detail()).append('\n');
    }
  }

  /**
   * The report a run's result carries, bounded for any fleet: outcome and conclusion, how many
   * steps ended how, every step that did not simply pass (failed, skipped with why, undone, planned)
   * with the evidence of the ones that failed, and where to read the rest ({@code hint}).
   */
  public static String summary(String title, Outcome outcome, String conclusion, List<StepResult> steps, String hint) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("**Outcome:** ").append(outcome).append("\n\n");
    if (!conclusion.isEmpty()) {
      md.append(conclusion).append("\n\n");
    }
    Map<StepStatus, Long> counts = new java.util.EnumMap<>(StepStatus.class);
    steps.forEach(s -> counts.merge(s.status(), 1L, Long::sum));
    md.append("Steps: ").append(String.join(", ", counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).toList()))
        .append("\n\n");
    List<StepResult> notable = steps.stream().filter(s -> s.status() != StepStatus.PASSED).toList();
    if (!notable.isEmpty()) {
      md.append("| Step | Host | Status | Summary |\n|---|---|---|---|\n");
      for (StepResult s : notable) {
        md.append("| ").append(cell(new Step(s.id(), s.title()).label())).append(" | ").append(cell(s.host()))
            .append(" | ").append(s.status()).append(" | ").append(cell(s.summary())).append(" |\n");
      }
    }
    for (StepResult s : steps) {
      if (s.status() == StepStatus.FAILED || s.status() == StepStatus.COMPENSATION_FAILED) {
        md.append("\n### ").append(s.label()).append(" — ").append(s.status()).append("\n\n");
        for (GateResult g : s.gates()) {
          md.append("- ").append(g.passed() ? "✅ " : "❌ ").append(g.gate()).append(": ").append(g.reason()).append('\n');
        }
        s.evidence().forEach(e -> appendEvidence(md, e));
      }
    }
    appendCoverage(md, steps);
    md.append("\n").append(hint).append('\n');
    return md.toString();
  }

  /** A few lines for the Web UI while the run goes on. */
  public static String currentDetails(Progress p) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(p.runbook()).append("** on `").append(p.environment()).append("`");
    if (p.outcome() != null) {
      md.append(" — **").append(p.outcome()).append("**");
    }
    md.append("\n\n");
    if (!p.currentStep().isEmpty()) {
      md.append("Now: ").append(p.currentStep()).append("\n\n");
    }
    if (!p.waitingFor().isEmpty()) {
      md.append("Waiting for: ").append(p.waitingFor()).append("\n\n");
    }
    List<StepResult> steps = p.steps();
    int from = Math.max(0, steps.size() - 8);
    if (from > 0) {
      md.append("(").append(from).append(" earlier steps)\n");
    }
    for (StepResult s : steps.subList(from, steps.size())) {
      md.append("- ").append(icon(s.status())).append(' ').append(s.label());
      if (!s.summary().isEmpty()) {
        md.append(": ").append(truncate(s.summary(), 160));
      }
      md.append('\n');
    }
    return md.toString();
  }

  public static String icon(StepStatus status) {
    return switch (status) {
      case PASSED, COMPENSATED -> "✅";
      case FAILED, COMPENSATION_FAILED -> "❌";
      case SKIPPED -> "⏭";
      case PLANNED -> "📝";
      case WAITING -> "⏳";
      case RUNNING -> "▶";
    };
  }

  private static void appendEvidence(StringBuilder md, Evidence e) {
    md.append("- `").append(e.action().replace("`", "'")).append("`");
    if (!e.host().isEmpty()) {
      md.append(" on ").append(e.host());
    }
    if (!e.result().isEmpty()) {
      md.append(" → ").append(e.result());
    }
    md.append(" (").append(e.durationMs()).append(" ms)");
    for (Map.Entry<String, String> o : e.observed().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      md.append("; ").append(o.getKey()).append(" = ").append(o.getValue());
    }
    md.append('\n');
    if (!e.output().isBlank()) {
      md.append("\n  ```\n");
      for (String line : truncate(e.output().strip(), MAX_OUTPUT_CHARS).split("\n")) {
        md.append("  ").append(line).append('\n');
      }
      md.append("  ```\n");
    }
  }

  /** ISO-8601 UTC for a workflow-time instant. */
  public static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
