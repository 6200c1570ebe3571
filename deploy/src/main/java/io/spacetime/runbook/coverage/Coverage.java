package io.spacetime.runbook.coverage;

import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.coverage.Mapping.Status;
import io.spacetime.runbook.coverage.RunbookItem.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps each item of the Markdown runbooks to what the engine does about it. An item is looked up
 * in the catalogues of its runbook; where a catalogue names a heading the item is under (an
 * incident type, the Emergency Rollback Procedure) only those catalogues are asked, so "Step 1" of
 * one procedure is never credited to another's. Names compare as the page writes them, ignoring
 * case and spacing; an engine step may add a qualifier after the runbook's name ("Phase 1:
 * Detection and Triage: load the environment", "Step 1: Verify Issue Scope (external)").
 */
public final class Coverage {

  private final List<StepCatalogue> catalogues;

  public Coverage(List<StepCatalogue> catalogues) {
    this.catalogues = List.copyOf(catalogues);
  }

  /** The mapping of every item, in the runbook's order, and the not-checked entries nothing matched. */
  public Result map(List<RunbookItem> items) {
    List<Mapping> mappings = new ArrayList<>();
    Set<StepCatalogue.NotChecked> used = new HashSet<>();
    for (RunbookItem item : items) {
      mappings.add(map(item, used));
    }
    Set<String> read = new HashSet<>();
    items.forEach(i -> read.add(i.runbook()));
    List<String> stale = new ArrayList<>();
    for (StepCatalogue c : catalogues) {
      if (!read.contains(c.runbook())) {
        continue;
      }
      c.notChecked().stream().filter(n -> !used.contains(n))
          .forEach(n -> stale.add(c.procedure() + ": \"" + n.item() + "\" matches no item of " + c.runbook()));
    }
    return new Result(mappings, stale);
  }

  /**
   * @param stale not-checked entries that match no item any more (the runbook was edited): an
   *     excuse for an item that is gone must go too, or the list would drift itself
   */
  public record Result(List<Mapping> mappings, List<String> stale) {

    public long count(Status status) {
      return mappings.stream().filter(m -> m.status() == status).count();
    }

    /** True when every item is mapped and no not-checked entry is stale. */
    public boolean complete() {
      return count(Status.MISSING) == 0 && stale.isEmpty();
    }
  }

  private Mapping map(RunbookItem item, Set<StepCatalogue.NotChecked> used) {
    List<StepCatalogue> scope = scope(item);
    Optional<String> implemented = implemented(item, scope);
    if (implemented.isPresent()) {
      return new Mapping(item, Status.IMPLEMENTED, implemented.get());
    }
    for (StepCatalogue c : scope) {
      for (StepCatalogue.NotChecked n : c.notChecked()) {
        if (same(n.item(), item.label()) || item.headings().stream().anyMatch(h -> same(n.item(), h))) {
          used.add(n);
          return new Mapping(item, Status.NOT_CHECKED, n.reason());
        }
      }
    }
    // A checklist under a heading no step is named after ("Monitor Key Metrics") belongs to the step
    // that records its items; a heading the catalogue leaves to people came first.
    Optional<String> recordedBy = item.kind() == Kind.CHECK ? recordedBy(item, scope) : Optional.empty();
    return recordedBy.map(by -> new Mapping(item, Status.IMPLEMENTED, by)).orElseGet(() -> new Mapping(item, Status.MISSING, ""));
  }

  /** The catalogues of the item's runbook; only those of a heading it is under, where there are any. */
  private List<StepCatalogue> scope(RunbookItem item) {
    List<StepCatalogue> ofRunbook = catalogues.stream().filter(c -> c.runbook().equals(item.runbook())).toList();
    List<StepCatalogue> ofSection = ofRunbook.stream().filter(c -> !c.section().isEmpty()
        && (item.headings().stream().anyMatch(h -> same(h, c.section())) || same(item.label(), c.section()))).toList();
    return ofSection.isEmpty() ? ofRunbook.stream().filter(c -> c.section().isEmpty()).toList() : ofSection;
  }

  private static Optional<String> implemented(RunbookItem item, List<StepCatalogue> scope) {
    for (StepCatalogue c : scope) {
      for (StepCatalogue.Covered covered : c.covers()) {
        if (same(covered.item(), item.label())) {
          return Optional.of(c.procedure() + ": " + covered.by());
        }
      }
      if (item.kind() == Kind.PROCEDURE && same(c.section(), item.label())) {
        return Optional.of(c.procedure() + ": its steps below");
      }
      if (item.kind() != Kind.CHECK) {
        for (Step step : c.steps()) {
          if (names(step.label(), item.label())) {
            return Optional.of(c.procedure() + ": " + step.label());
          }
        }
      }
    }
    return item.kind() == Kind.CHECK ? checkedBy(item, scope, true) : Optional.empty();
  }

  /** The step that records the verification item, named by a heading the item is under. */
  private static Optional<String> checkedBy(RunbookItem item, List<StepCatalogue> scope, boolean named) {
    for (StepCatalogue c : scope) {
      for (Step step : c.steps()) {
        if (step.items().stream().anyMatch(i -> same(i, item.label()))
            && (!named || item.headings().stream().anyMatch(h -> names(step.label(), h)))) {
          return Optional.of(c.procedure() + ": " + step.label());
        }
      }
    }
    return Optional.empty();
  }

  /** Any step that records the item, when the heading it is directly under names no step of the catalogues. */
  private static Optional<String> recordedBy(RunbookItem item, List<StepCatalogue> scope) {
    String innermost = item.headings().isEmpty() ? "" : item.headings().get(item.headings().size() - 1);
    boolean underAStep = scope.stream().flatMap(c -> c.steps().stream()).anyMatch(s -> names(s.label(), innermost));
    return underAStep ? Optional.empty() : checkedBy(item, scope, false);
  }

  /** The engine's label is the runbook's, perhaps with a qualifier: ": load the environment", " (external)". */
  static boolean names(String engineLabel, String runbookLabel) {
    String e = normal(engineLabel);
    String r = normal(runbookLabel);
    return e.equals(r) || e.startsWith(r + ":") || e.startsWith(r + " (");
  }

  static boolean same(String a, String b) {
    return normal(a).equals(normal(b));
  }

  /** Names are compared many times over (items by catalogues by steps): each is normalised once. */
  private static final Map<String, String> NORMAL = new ConcurrentHashMap<>();

  private static String normal(String s) {
    return NORMAL.computeIfAbsent(s, k -> MarkdownRunbook.label(k).toLowerCase(Locale.ROOT));
  }
}
