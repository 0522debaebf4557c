package io.switchboard.console.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyView;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DrillPresentationTest {

  @Test
  void verdictsAreWordsWithTheirBadgeColour() {
    assertThat(DrillPresentation.verdict(true)).isEqualTo("PASS");
    assertThat(DrillPresentation.verdict(false)).isEqualTo("FAIL");
    assertThat(DrillPresentation.verdictTheme(true)).isEqualTo("success");
    assertThat(DrillPresentation.verdictTheme(false)).isEqualTo("error");
  }

  @Test
  void theFailoverTimeIsTheFirstWriteMoment() {
    DrillReportView passed = DrillFixtures.passed();
    assertThat(DrillPresentation.failoverMillis(passed)).hasValue(4200);
    assertThat(DrillPresentation.failoverText(passed)).isEqualTo("4200 ms");

    DrillReportView noWrite =
        DrillFixtures.report(
            "op-2", List.of(new Moment("fault", 0L), new Moment("first-write", null)), false);
    assertThat(DrillPresentation.failoverMillis(noWrite)).isEmpty();
    assertThat(DrillPresentation.failoverText(noWrite)).isEqualTo("no write");
    assertThat(DrillPresentation.moment(noWrite, "fault")).hasValue(0);
  }

  @Test
  void millisAreShownPlainWithADashForNothing() {
    assertThat(DrillPresentation.millis(4350L)).isEqualTo("4350 ms");
    assertThat(DrillPresentation.millis(null)).isEqualTo("—");
  }

  @Test
  void theFailoverObjectiveIsReadFromItsTarget() {
    assertThat(DrillPresentation.failoverObjectiveMillis(DrillFixtures.passed())).hasValue(15000);
    assertThat(DrillPresentation.targetMillis("< 15000 ms")).hasValue(15000);
    assertThat(DrillPresentation.targetMillis("< 15 s")).hasValue(15000);
    assertThat(DrillPresentation.targetMillis("fast")).isEqualTo(OptionalLong.empty());
    assertThat(DrillPresentation.targetMillis(null)).isEmpty();
    DrillReportView none =
        new DrillReportView(
            "op-3", "n", List.of(), null, List.of(), 0, 0, 0, null, List.of(), true);
    assertThat(DrillPresentation.failoverObjectiveMillis(none)).isEmpty();
  }

  @Test
  void objectivesReadAsOneLine() {
    assertThat(DrillPresentation.objectiveLine(DrillFixtures.passed().objectives().get(0)))
        .isEqualTo("Objective failover: 4200 ms against < 15000 ms: PASS");
  }

  @Test
  void shardListsAreShortened() {
    assertThat(DrillPresentation.shards(List.of())).isEqualTo("no shards");
    assertThat(DrillPresentation.shards(List.of(7))).isEqualTo("1 shard: 7");
    assertThat(DrillPresentation.shards(List.of(770, 771))).isEqualTo("2 shards: 770, 771");
    assertThat(DrillPresentation.shards(IntStream.range(0, 20).boxed().toList()))
        .startsWith("20 shards: 0, 1,")
        .endsWith("11, …");
  }

  @Test
  void onlyNodesThatAreUpMayBeDrilled() {
    TopologyView topology =
        new TopologyView(
            List.of(
                new DataCenterView(
                    "middle-east",
                    "Middle East",
                    "ME",
                    768,
                    1023,
                    List.of(
                        node("middle-east-1", NodeHealth.DOWN),
                        node("middle-east-2", NodeHealth.UP),
                        node("middle-east-3", NodeHealth.UNKNOWN)))),
            Instant.EPOCH);
    assertThat(DrillPresentation.drillableNodes(topology))
        .extracting(NodeView::id)
        .containsExactly("middle-east-2");
    assertThat(DrillPresentation.drillableNodes(null)).isEmpty();
  }

  private static NodeView node(String id, NodeHealth health) {
    return new NodeView(
        id,
        "middle-east",
        Set.of(NodeRole.STORE),
        null,
        "127.0.0.1:1",
        health,
        Instant.EPOCH,
        null);
  }
}
