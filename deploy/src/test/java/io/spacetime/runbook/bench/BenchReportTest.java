package io.spacetime.runbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spacetime.runbook.bench.BenchFigure.Goal;
import io.spacetime.runbook.bench.BenchFigure.Result;
import io.spacetime.runbook.bench.BenchFigure.Unit;
import org.junit.jupiter.api.Test;

/** The bench's one table and its JSON, from the same figures (no bench is run here). */
class BenchReportTest {

  private static BenchReport report() {
    BenchReport r = new BenchReport();
    r.context("Sandbox: 1 host over OpenSSH sshd; embedded Temporal; 7 rounds of each side, medians reported.");
    r.context("Worker: 200 workflow task slots, 200 activity slots, a cache of 600 runs, 5 workflow pollers and 5"
        + " activity pollers.");
    r.add(new BenchFigure("a", "20 commands: engine / ControlMaster loop", 1.4249, Unit.RATIO, Goal.atMost(1.2),
        "engine 295.0 ms (14.7 ms/command), OpenSSH ControlMaster script 207.0 ms (10.4 ms/command)"));
    r.add(new BenchFigure("b", "failed gate -> previous version healthy", 1.06, Unit.SECONDS, Goal.below(10),
        "the runbook budgets 300-600 s by hand; outcome ROLLED_BACK"));
    r.add(new BenchFigure("e", "watch-window trigger -> previous healthy", 1.5, Unit.SECONDS, null, ""));
    r.add(BenchFigure.notMeasured("c", "1000 incidents: timer lateness p99", Unit.MILLISECONDS, Goal.below(1000),
        "no response-target escalation fired within 7 minutes"));
    r.add(new BenchFigure("d", "one notification x 10 -> incidents", 1.0, Unit.COUNT, Goal.exactly(1), ""));
    r.add(new BenchFigure("f", "20 hosts: mean batch / one batch alone", 1.5, Unit.RATIO, Goal.atMost(1.5), ""));
    return r;
  }

  @Test
  void eachFigureIsJudgedAgainstItsGoal() {
    BenchReport r = report();
    assertThat(r.figures()).extracting(BenchFigure::result)
        .containsExactly(Result.MISS, Result.PASS, Result.INFO, Result.MISS, Result.PASS, Result.PASS);
    // A goal "< 10" is missed at 10, one "<= 1.5" is met at 1.5.
    assertThat(new BenchFigure("b", "x", 10.0, Unit.SECONDS, Goal.below(10), "").result()).isEqualTo(Result.MISS);
    assertThat(new BenchFigure("d", "x", 2.0, Unit.COUNT, Goal.exactly(1), "").result()).isEqualTo(Result.MISS);
  }

  @Test
  void theTableShowsEveryFigureItsGoalAndVerdictIn80Columns() {
    String table = report().table();

    assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(table).startsWith("Sandbox: 1 host over OpenSSH sshd;")
        .containsPattern("\\nFIGURE +MEASURED  GOAL +RESULT\\n")
        .containsPattern("\\n\\(a\\) 20 commands: engine / ControlMaster loop +1\\.42  <= 1\\.2 +MISS\\n")
        .containsPattern("\\n\\(b\\) failed gate -> previous version healthy +1\\.1 s  < 10 s +PASS\\n")
        .containsPattern("\\n\\(e\\) watch-window trigger -> previous healthy +1\\.5 s  none +-\\n")
        .containsPattern("\\n\\(c\\) 1000 incidents: timer lateness p99 +not measured  < 1000 ms +MISS\\n")
        .containsPattern("\\n\\(d\\) one notification x 10 -> incidents +1  = 1 +PASS\\n")
        .contains("3 PASS, 2 MISS, 1 for information (no goal)")
        .contains("Details:\n(a) 20 commands: engine / ControlMaster loop: engine 295.0 ms")
        .contains("(c) 1000 incidents: timer lateness p99: no response-target escalation fired\n    within 7 minutes");
    // One screen: context, header, six figures, the count and the details.
    assertThat(table.lines().count()).isLessThanOrEqualTo(24);
  }

  @Test
  void theJsonCarriesTheSameFiguresForMachines() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report().json());

    assertThat(json.get("context")).hasSize(2);
    assertThat(json.get("figures")).hasSize(6);
    JsonNode a = json.get("figures").get(0);
    assertThat(a.get("bench").asText()).isEqualTo("a");
    assertThat(a.get("figure").asText()).isEqualTo("20 commands: engine / ControlMaster loop");
    assertThat(a.get("value").asDouble()).isEqualTo(1.4249);
    assertThat(a.get("unit").asText()).isEqualTo("ratio");
    assertThat(a.get("goal").get("comparison").asText()).isEqualTo("<=");
    assertThat(a.get("goal").get("limit").asDouble()).isEqualTo(1.2);
    assertThat(a.get("result").asText()).isEqualTo("MISS");
    JsonNode c = json.get("figures").get(3);
    assertThat(c.get("value").isNull()).isTrue();
    assertThat(c.get("result").asText()).isEqualTo("MISS");
    assertThat(json.get("figures").get(2).get("goal").isNull()).isTrue();
    assertThat(json.get("figures").get(2).get("result").asText()).isEqualTo("INFO");
    assertThat(json.get("passed").asInt()).isEqualTo(3);
    assertThat(json.get("missed").asInt()).isEqualTo(2);
  }

  @Test
  void aThroughputReadsPerMinuteInTheTableAndInTheJson() throws Exception {
    BenchReport r = new BenchReport();
    r.add(new BenchFigure("g", "10 deployments, 1 worker: per minute", 26.24, Unit.PER_MINUTE, null, ""));

    assertThat(r.table()).containsPattern("\\n\\(g\\) 10 deployments, 1 worker: per minute +26\\.2/min  none +-\\n");
    JsonNode g = new ObjectMapper().readTree(r.json()).get("figures").get(0);
    assertThat(g.get("unit").asText()).isEqualTo("per_minute");
    assertThat(g.get("result").asText()).isEqualTo("INFO");
  }
}
