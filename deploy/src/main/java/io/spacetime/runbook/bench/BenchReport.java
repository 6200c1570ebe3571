package io.spacetime.runbook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.WordUtils;

/**
 * The figures of one bench run, in the order they were measured, with what they were measured on;
 * rendered as one table a person reads in one screen (80 columns: figure, measured, goal, PASS or
 * MISS, then each figure's details) or as JSON for machines, from the same figures.
 */
public final class BenchReport {

  static final int WIDTH = 80;
  private static final int NAME = 46;
  private static final int MEASURED = 12;
  private static final int GOAL = 11;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<String> context = new ArrayList<>();
  private final List<BenchFigure> figures = new ArrayList<>();

  /** What the run measured on ("Sandbox: 1 host over OpenSSH sshd; embedded Temporal; ..."). */
  public void context(String line) {
    context.add(line);
  }

  public void add(BenchFigure figure) {
    figures.add(figure);
  }

  public List<BenchFigure> figures() {
    return List.copyOf(figures);
  }

  public long count(BenchFigure.Result result) {
    return figures.stream().filter(f -> f.result() == result).count();
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    context.forEach(line -> out.append(wrap(line, "")));
    out.append('\n').append(row("FIGURE", "MEASURED", "GOAL", "RESULT"));
    for (BenchFigure f : figures) {
      out.append(row("(" + f.bench() + ") " + f.name(), f.measured(), f.goalText(),
          f.result() == BenchFigure.Result.INFO ? "-" : f.result().name()));
    }
    out.append('\n').append(count(BenchFigure.Result.PASS)).append(" PASS, ").append(count(BenchFigure.Result.MISS))
        .append(" MISS, ").append(count(BenchFigure.Result.INFO)).append(" for information (no goal)\n");
    List<BenchFigure> detailed = figures.stream().filter(f -> !f.detail().isEmpty()).toList();
    if (!detailed.isEmpty()) {
      out.append("\nDetails:\n");
      detailed.forEach(f -> out.append(wrap("(" + f.bench() + ") " + f.name() + ": " + f.detail(), "    ")));
    }
    return out.toString();
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode ctx = root.putArray("context");
    context.forEach(ctx::add);
    ArrayNode list = root.putArray("figures");
    for (BenchFigure f : figures) {
      ObjectNode n = list.addObject();
      n.put("bench", f.bench());
      n.put("figure", f.name());
      if (f.value() == null) {
        n.putNull("value");
      } else {
        n.put("value", f.value());
      }
      n.put("unit", f.unit().jsonName());
      if (f.goal() == null) {
        n.putNull("goal");
      } else {
        n.putObject("goal").put("comparison", f.goal().comparison().symbol()).put("limit", f.goal().limit());
      }
      n.put("result", f.result().name());
      n.put("detail", f.detail());
    }
    root.put("passed", count(BenchFigure.Result.PASS));
    root.put("missed", count(BenchFigure.Result.MISS));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bench figures could not be written as JSON", e);
    }
  }

  private static String row(String name, String measured, String goal, String result) {
    // A name longer than its column wraps; the figures stay on the first line.
    List<String> names = List.of(WordUtils.wrap(name, NAME, "\n", true).split("\n"));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String line = i == 0
          ? String.format("%-" + NAME + "s %" + MEASURED + "s  %-" + GOAL + "s %s", names.get(0), measured, goal, result)
          : names.get(i);
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** {@code text} in lines of at most 80 columns, continuation lines indented by {@code indent}. */
  private static String wrap(String text, String indent) {
    String wrapped = WordUtils.wrap(text, WIDTH - indent.length(), "\n", true);
    return wrapped.replace("\n", "\n" + indent) + "\n";
  }
}
