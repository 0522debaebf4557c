package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.sharding.PlacementReport.Kind;
import io.switchboard.runtime.sharding.PlacementReport.Shortfall;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementReportTest {

  @Test
  void eachShortfallReadsAsOnePlainSentence() {
    PlacementReport report =
        new PlacementReport(
            List.of(
                new Shortfall(Kind.IN_DC, 256, 3, "DC asia has 2 nodes"),
                new Shortfall(Kind.CROSS_DC, 256, 1, "residency EU"),
                new Shortfall(Kind.CROSS_DC, 1, 2, "only 1 other data centre with nodes")));

    assertThat(report.isComplete()).isFalse();
    assertThat(report.lines())
        .containsExactly(
            "256 shards with fewer than 3 in-DC replicas: DC asia has 2 nodes",
            "256 shards without a cross-DC replica: residency EU",
            "1 shard with fewer than 2 cross-DC replicas: only 1 other data centre with nodes");
  }

  @Test
  void aReportWithoutShortfallsIsComplete() {
    assertThat(new PlacementReport(List.of()).isComplete()).isTrue();
    assertThat(new PlacementReport(List.of()).lines()).isEmpty();
  }

  @Test
  void aShortfallConcernsAtLeastOneShard() {
    assertThatThrownBy(() -> new Shortfall(Kind.IN_DC, 0, 3, "none"))
        .hasMessageContaining("needs shards");
  }
}
