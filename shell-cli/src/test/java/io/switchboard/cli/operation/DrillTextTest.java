package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.cli.testing.DrillReports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillTextTest {

  private static final Instant STARTED = Instant.parse("2025-02-10T08:15:30.250Z");
  private static final DrillReportView PASSED =
      DrillReports.report("drill-1", "europe-1", List.of(256, 300), STARTED, 0);
  private static final DrillReportView MISSED =
      DrillReports.missedFailover("drill-2", "asia-1", List.of(512), STARTED.plusSeconds(3600));

  @Test
  void chartPlacesEachMomentWhereItsTimeFallsInTheGivenWidth() {
    String chart = DrillText.timelineChart(PASSED.timeline(), 80);

    List<String> lines = chart.lines().toList();
    assertThat(lines).hasSize(2);
    // 72 columns between the bars for 3350 ms: detected (1500 ms) ends at column 32; the later
    // names are too close together to end where their time falls, so they are packed to the right
    // with one '-' between them.
    assertThat(lines.get(0))
        .isEqualTo(
            "fault |------------------------detected----------confirmed-promoted-first-write|")
        .hasSize(80);
    assertThat(lines.get(1))
        .isEqualTo(
            "      0 ms                                                               3350 ms")
        .hasSize(80);
  }

  @Test
  void chartScalesWithTheWidth() {
    String wide = DrillText.timelineChart(PASSED.timeline(), 120).lines().findFirst().orElseThrow();

    assertThat(wide).hasSize(120).startsWith("fault |-").endsWith("-first-write|");
    // detected ends at column 1500/3350 of the 112 columns between the bars: 50.
    assertThat(wide.indexOf("detected") + "detected".length()).isEqualTo("fault |".length() + 50);
    // confirmed ends at 2600/3350 of 112: 87.
    assertThat(wide.indexOf("confirmed") + "confirmed".length()).isEqualTo("fault |".length() + 87);
  }

  @Test
  void momentsFarApartEndExactlyAtTheirTime() {
    List<Moment> timeline =
        List.of(new Moment("fault", 0L), new Moment("a", 500L), new Moment("b", 1000L));

    String chart = DrillText.timelineChart(timeline, 28);

    assertThat(chart.lines().findFirst().orElseThrow())
        .isEqualTo("fault |---------a---------b|")
        .hasSize(28);
  }

  @Test
  void aNarrowWidthPacksTheNamesAndTheBarGetsAsLongAsTheyNeed() {
    String chart = DrillText.timelineChart(PASSED.timeline(), 30);

    assertThat(chart.lines().findFirst().orElseThrow())
        .isEqualTo("fault |-detected-confirmed-promoted-first-write|");
    assertThat(chart.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo("      0 ms" + " ".repeat(31) + "3350 ms");
  }

  @Test
  void momentsThatDidNotHappenAreLeftOutOfTheChart() {
    String chart = DrillText.timelineChart(MISSED.timeline(), 60);

    String bar = chart.lines().findFirst().orElseThrow();
    assertThat(bar).hasSize(60).endsWith("-confirmed|").contains("-detected-");
    assertThat(bar).doesNotContain("promoted").doesNotContain("first-write");
    assertThat(chart.lines().skip(1).findFirst().orElseThrow()).endsWith(" 2900 ms");
  }

  @Test
  void noMomentAfterTheFaultMeansNoChart() {
    assertThat(DrillText.timelineChart(List.of(new Moment("fault", 0L)), 80)).isEmpty();
    assertThat(DrillText.timelineChart(null, 80)).isEmpty();
  }

  @Test
  void showHasTheFieldsTheTimelineAndTheObjectives() {
    String text = DrillText.show(PASSED, 80);

    assertThat(text)
        .startsWith(
            """
            Drill         drill-1
            Node          europe-1
            Shards        256,300 (2 shards)
            Started       2025-02-10T08:15:30Z
            Verdict       PASS
            Failover      3350 ms (first write after the fault)
            Unavailable   3420 ms (longest wait of a writer)
            Acknowledged  1200 writes
            Lost          0 acknowledged writes
            Fencing       europe-1's replica of shard 256 is FOLLOWER at epoch 4 (it led epoch 3): \
            it can commit nothing at its old epoch

            MOMENT       AFTER FAULT
            fault        0 ms
            detected     1500 ms
            confirmed    2600 ms
            promoted     3100 ms
            first-write  3350 ms

            fault |---""")
        .contains(
            """
            -first-write|
                  0 ms""")
        .endsWith(
            """
            OBJECTIVE  TARGET         MEASURED    VERDICT
            failover   < 15000 ms     3350 ms     PASS
            rpo-in-dc  <= 0 messages  0 messages  PASS""");
  }

  @Test
  void showOfAMissedFailoverSaysWhatDidNotHappenAndFails() {
    String text = DrillText.show(MISSED, 80);

    assertThat(text)
        .containsPattern("Verdict +FAIL\n")
        .containsPattern("Failover +no write after the fault\n")
        .containsPattern("promoted +did not happen\n")
        .containsPattern("first-write +did not happen\n")
        .containsPattern("failover +< 15000 ms +no write +FAIL\n")
        .containsPattern("rpo-in-dc +<= 0 messages +0 messages +PASS$");
  }

  @Test
  void listHasOneRowPerDrill() {
    String text = DrillText.list(List.of(MISSED, PASSED));

    assertThat(text)
        .isEqualTo(
            """
            ID       NODE      STARTED               FAILOVER  UNAVAILABLE  ACKED  LOST  VERDICT
            drill-2  asia-1    2025-02-10T09:15:30Z  -         30000 ms     800    0     FAIL
            drill-1  europe-1  2025-02-10T08:15:30Z  3350 ms   3420 ms      1200   0     PASS""");
  }

  @Test
  void anEmptyListIsASentence() {
    assertThat(DrillText.list(List.of())).isEqualTo("No drill reports.");
  }
}
