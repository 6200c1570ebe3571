package io.spacetime.runbook.coverage;

import io.spacetime.runbook.coverage.Mapping.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift check's table, one block per runbook, readable in 80 columns: the item's line on the
 * page, its kind, its name, and the engine step that implements it, "not checked: why" or
 * "MISSING" ("as above" when it is the row above's). Long cells wrap onto continuation lines,
 * words kept whole.
 */
public final class CoverageTable {

  static final int WIDTH = 80;
  static final String AS_ABOVE = "as above";
  private static final int LINE = 5;
  private static final int KIND = 5;
  private static final int ITEM = 36;
  private static final int ENGINE = WIDTH - LINE - KIND - ITEM - 3 * 2;

  private CoverageTable() {}

  public static String render(Coverage.Result result) {
    Map<String, List<Mapping>> byRunbook = new LinkedHashMap<>();
    result.mappings().forEach(m -> byRunbook.computeIfAbsent(m.item().runbook(), k -> new ArrayList<>()).add(m));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<Mapping>> runbook : byRunbook.entrySet()) {
      out.append(runbook.getKey()).append('\n');
      block(out, runbook.getValue());
    }
    stale(out, result.stale());
    out.append(result.complete()
        ? "coverage: every runbook item is implemented or deliberately not checked\n"
        : "coverage: FAILED, " + result.count(Status.MISSING) + " item(s) MISSING, " + result.stale().size()
            + " stale not-checked entr" + (result.stale().size() == 1 ? "y" : "ies") + "\n");
    return out.toString();
  }

  /**
   * The shipped documents' block: per document, its title line (file, Markdown, section), its
   * items, and what stops it being complete; then one verdict line.
   */
  public static String renderDocuments(List<DocumentCoverageCheck.DocumentResult> documents) {
    StringBuilder out = new StringBuilder();
    for (DocumentCoverageCheck.DocumentResult d : documents) {
      String cites = d.runbook().isEmpty() ? "" : ": " + d.runbook()
          + (d.section().isEmpty() ? ", the items it claims" : ", section \"" + d.section() + "\"");
      wrap(d.file() + cites, WIDTH).forEach(l -> out.append(l).append('\n'));
      if (!d.result().mappings().isEmpty()) {
        block(out, d.result().mappings());
      }
      d.problems().forEach(p -> wrap("- " + p, WIDTH).forEach(l -> out.append(l).append('\n')));
      stale(out, d.result().stale());
      if (!d.problems().isEmpty()) {
        out.append('\n');
      }
    }
    long failed = documents.stream().filter(d -> !d.complete()).count();
    out.append(failed == 0
        ? "documents: each of " + documents.size() + " follows the Markdown it cites\n"
        : "documents: FAILED, " + failed + " of " + documents.size() + " do not follow the Markdown they cite\n");
    return out.toString();
  }

  private static void block(StringBuilder out, List<Mapping> mappings) {
    row(out, "LINE", "KIND", "RUNBOOK ITEM", "ENGINE");
    String above = "";
    for (Mapping m : mappings) {
      // A checklist's items are mostly recorded by one step: "as above" keeps the table short.
      String cell = m.cell().equals(above) && m.status() != Status.MISSING ? AS_ABOVE : m.cell();
      row(out, String.valueOf(m.item().line()), m.item().kind().shortName(), m.item().label(), cell);
      above = m.cell();
    }
    out.append(summary(mappings)).append("\n\n");
  }

  private static void stale(StringBuilder out, List<String> stale) {
    if (!stale.isEmpty()) {
      out.append("Not-checked entries that match no runbook item (remove them, or fix their names):\n");
      stale.forEach(s -> wrap("- " + s, WIDTH).forEach(l -> out.append(l).append('\n')));
      out.append('\n');
    }
  }

  private static String summary(List<Mapping> mappings) {
    long implemented = mappings.stream().filter(m -> m.status() == Status.IMPLEMENTED).count();
    long notChecked = mappings.stream().filter(m -> m.status() == Status.NOT_CHECKED).count();
    long missing = mappings.stream().filter(m -> m.status() == Status.MISSING).count();
    return mappings.size() + " items: " + implemented + " implemented, " + notChecked + " not checked, " + missing + " MISSING";
  }

  private static void row(StringBuilder out, String line, String kind, String item, String engine) {
    List<String> items = wrap(item, ITEM);
    List<String> engines = wrap(engine, ENGINE);
    for (int i = 0; i < Math.max(items.size(), engines.size()); i++) {
      String text = String.format("%" + LINE + "s  %-" + KIND + "s  %-" + ITEM + "s  %s", i == 0 ? line : "",
          i == 0 ? kind : "", i < items.size() ? items.get(i) : "", i < engines.size() ? engines.get(i) : "");
      out.append(text.stripTrailing()).append('\n');
    }
  }

  /** {@code text} in lines of at most {@code width}; a word longer than that is cut. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      while (word.length() > width) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!word.isEmpty()) {
        line.append(line.length() > 0 ? " " : "").append(word);
      }
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
