package io.spacetime.runbook.coverage;

import io.spacetime.runbook.coverage.RunbookItem.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The items of one Markdown runbook, read with commonmark-java (a heading inside a code block is a
 * comment, not a heading). What counts, as the runbooks write it:
 * <ul>
 *   <li>a numbered step: a heading or a bold paragraph "1.1 Server Resources", "Step 6: ...", and "# Step 3: ..." comment lines of a code block (the Emergency Rollback
 *       Procedure is written as one script);
 *   <li>a procedure: a numbered group heading ("1. Environment Verification", "Incident 7: ...",
 *       "Issue 2: ...", "Phase 2: ...") or a heading that says "Procedure";
 *   <li>a scenario: "Scenario A: ..." as a heading or a bold paragraph;
 *   <li>a verification item: a task-list item ("- [ ] Health check passes") and, under a
 *       "Verification Steps" heading, the numbered comment lines of its script ("# 1. Service responds");
 *   <li>a quick-start step: the numbered lines of the code block after a "**Quick Start:**"
 *       paragraph (INDEX.md's "1. Review overnight alerts"), under the headings "Quick Start" and the
 *       comment line that opens their group ("# Daily morning check"), so a document can claim a group.
 * </ul>
 * Ordered lists (tables of contents, prevention measures, meeting agendas) are not read as steps.
 */
public final class MarkdownRunbook {

  private static final Pattern NUMBERED_STEP = Pattern.compile("(\\d+\\.\\d+ .+|Step \\d+: .+)");
  private static final Pattern NUMBERED_GROUP = Pattern.compile("(\\d+\\. .+|(Incident|Issue|Phase) \\d+: .+)");
  private static final Pattern SCENARIO = Pattern.compile("Scenario [A-Z]: .+");
  private static final Pattern SCRIPT_STEP = Pattern.compile("#\\s*(Step \\d+: .+)");
  private static final Pattern SCRIPT_CHECK = Pattern.compile("#\\s*(\\d+\\. .+)");
  private static final Pattern TASK = Pattern.compile("\\[[ xX]\\]\\s+(.+)", Pattern.DOTALL);
  /** "(2 minutes)", "(0-5 minutes)", "(30 minutes - 2 hours)": how long a step takes is not part of its name. */
  private static final Pattern DURATION = Pattern.compile("\\s*\\(\\d[\\d\\s\\-–a-z]*(minutes?|min|hours?|days?)\\)$");
  private static final String VERIFICATION_HEADING = "Verification Steps";
  private static final String QUICK_START = "Quick Start";
  private static final Pattern QUICK_STEP = Pattern.compile("(\\d+\\. .+)");
  private static final Pattern QUICK_GROUP = Pattern.compile("#\\s*(.+)");

  private MarkdownRunbook() {}

  /** The items of {@code file}; the message names the file when it cannot be read. */
  public static List<RunbookItem> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read runbook " + file + ": " + e.getMessage(), e);
    }
    return parse(file.getFileName().toString(), text);
  }

  /** The items of the runbook {@code name} whose Markdown is {@code markdown}. */
  public static List<RunbookItem> parse(String name, String markdown) {
    Node document = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    Walk walk = new Walk(name);
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      walk.block(block);
    }
    return List.copyOf(walk.items);
  }

  /** The page's words for an item: no duration, no trailing colon, single spaces. */
  static String label(String text) {
    String s = text.replaceAll("\\s+", " ").trim();
    if (s.endsWith(":")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    return DURATION.matcher(s).replaceAll("").trim();
  }

  private static final class Walk {
    private final String runbook;
    private final List<RunbookItem> items = new ArrayList<>();
    /** The open headings by level (1-6), null where none is open. */
    private final String[] open = new String[7];
    /** The block before was a "**Quick Start:**" paragraph: the next code block is its steps. */
    private boolean quickStartNext;

    Walk(String runbook) {
      this.runbook = runbook;
    }

    void block(Node block) {
      boolean quickStart = quickStartNext;
      quickStartNext = false;
      if (block instanceof Heading h) {
        heading(h);
      } else if (block instanceof Paragraph p) {
        boldParagraph(p);
      } else if (block instanceof BulletList list) {
        taskList(list);
      } else if (block instanceof FencedCodeBlock code) {
        script(code.getLiteral(), line(code), quickStart);
      } else if (block instanceof IndentedCodeBlock code) {
        script(code.getLiteral(), line(code), quickStart);
      }
    }

    private void heading(Heading h) {
      String text = label(text(h));
      open[h.getLevel()] = text;
      for (int level = h.getLevel() + 1; level < open.length; level++) {
        open[level] = null;
      }
      Kind kind = kindOf(text);
      if (kind == null && text.contains("Procedure")) {
        kind = Kind.PROCEDURE;
      }
      if (kind != null) {
        add(line(h), kind, text, parentsOf(h.getLevel()));
      }
    }

    /** "**Step 1: Verify Issue Scope (2 minutes)**" and "**Scenario A: ...**" stand for headings. */
    private void boldParagraph(Paragraph p) {
      if (p.getFirstChild() instanceof StrongEmphasis strong && strong.getNext() == null) {
        String text = label(text(strong));
        quickStartNext = QUICK_START.equals(text);
        Kind kind = kindOf(text);
        if (kind != null) {
          add(line(p), kind, text, headings());
        }
      }
    }

    private void taskList(BulletList list) {
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        if (item instanceof ListItem li && li.getFirstChild() instanceof Paragraph p) {
          Matcher task = TASK.matcher(text(p));
          if (task.matches()) {
            add(line(li), Kind.CHECK, label(task.group(1)), headings());
          }
        }
      }
    }

    private void script(String literal, int firstLine, boolean quickStart) {
      boolean verification = VERIFICATION_HEADING.equals(innermost());
      String[] lines = literal.split("\n", -1);
      String group = null;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].trim();
        Matcher step = SCRIPT_STEP.matcher(line);
        Matcher check = SCRIPT_CHECK.matcher(line);
        // The fence is the block's first line: the script's line i is one further.
        if (step.matches()) {
          add(firstLine + 1 + i, Kind.STEP, label(step.group(1)), headings());
        } else if (verification && check.matches()) {
          add(firstLine + 1 + i, Kind.CHECK, label(check.group(1)), headings());
        } else if (quickStart) {
          Matcher groupLine = QUICK_GROUP.matcher(line);
          Matcher quickStep = QUICK_STEP.matcher(line);
          if (groupLine.matches()) {
            group = label(groupLine.group(1));
          } else if (quickStep.matches()) {
            List<String> under = new ArrayList<>(headings());
            under.add(QUICK_START);
            if (group != null) {
              under.add(group);
            }
            add(firstLine + 1 + i, Kind.STEP, label(quickStep.group(1)), under);
          }
        }
      }
    }

    private static Kind kindOf(String text) {
      if (NUMBERED_STEP.matcher(text).matches()) {
        return Kind.STEP;
      }
      if (SCENARIO.matcher(text).matches()) {
        return Kind.SCENARIO;
      }
      return NUMBERED_GROUP.matcher(text).matches() ? Kind.PROCEDURE : null;
    }

    private void add(int line, Kind kind, String label, List<String> headings) {
      items.add(new RunbookItem(runbook, line, kind, label, headings));
    }

    private List<String> headings() {
      return parentsOf(open.length);
    }

    private List<String> parentsOf(int level) {
      List<String> out = new ArrayList<>();
      for (int l = 1; l < level; l++) {
        if (open[l] != null) {
          out.add(open[l]);
        }
      }
      return out;
    }

    private String innermost() {
      for (int l = open.length - 1; l >= 1; l--) {
        if (open[l] != null) {
          return open[l];
        }
      }
      return "";
    }
  }

  private static int line(Node node) {
    return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
  }

  /** The node's text with its inline markup dropped. */
  private static String text(Node node) {
    StringBuilder out = new StringBuilder();
    collect(node, out);
    return out.toString();
  }

  private static void collect(Node node, StringBuilder out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Text t) {
        out.append(t.getLiteral());
      } else if (child instanceof Code c) {
        out.append(c.getLiteral());
      } else if (child instanceof SoftLineBreak) {
        out.append(' ');
      } else {
        collect(child, out);
      }
    }
  }
}
