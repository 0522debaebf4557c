package io.switchboard.controlplane.dcfailover;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DcFailoverTriggersTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final DcFailoverProperties POLICY =
      new DcFailoverProperties(
          true,
          Duration.ofSeconds(30),
          0.5,
          200,
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          100);

  @Test
  void aDcIsUnreachableOnceItsLastNodeHasBeenDownForTheThreshold() {
    DataCenterView dc =
        dc(node("a-1", NodeHealth.DOWN, T0), node("a-2", NodeHealth.DOWN, T0.plusSeconds(10)));

    assertThat(DcFailoverTriggers.evaluate(dc, null, T0.plusSeconds(39), POLICY)).isEmpty();
    var fired = DcFailoverTriggers.evaluate(dc, null, T0.plusSeconds(40), POLICY).orElseThrow();
    assertThat(fired.trigger()).isEqualTo("unreachable");
    assertThat(fired.detectedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(fired.detail()).contains("all 2 nodes of americas DOWN");
  }

  @Test
  void oneNodeStillUpKeepsTheDcReachable() {
    DataCenterView dc = dc(node("a-1", NodeHealth.DOWN, T0), node("a-2", NodeHealth.UP, T0));

    assertThat(DcFailoverTriggers.evaluate(dc, null, T0.plusSeconds(600), POLICY)).isEmpty();
  }

  @Test
  void anErrorRateAboveTheThresholdFiresOnlyOverEnoughRequests() {
    DataCenterView dc = dc(node("a-1", NodeHealth.UP, T0));
    Instant from = T0.minusSeconds(5);

    assertThat(DcFailoverTriggers.evaluate(dc, new DcErrorRates.Window(from, 199, 199), T0, POLICY))
        .as("too few requests to judge")
        .isEmpty();
    assertThat(DcFailoverTriggers.evaluate(dc, new DcErrorRates.Window(from, 400, 200), T0, POLICY))
        .as("exactly 50% is not over 50%")
        .isEmpty();
    var fired =
        DcFailoverTriggers.evaluate(dc, new DcErrorRates.Window(from, 400, 201), T0, POLICY)
            .orElseThrow();
    assertThat(fired.trigger()).isEqualTo("error-rate");
    assertThat(fired.detectedAt()).isEqualTo(from);
    assertThat(fired.detail()).contains("201 of 400 requests");
  }

  private static DataCenterView dc(NodeView... nodes) {
    return new DataCenterView("americas", "Americas", "AMER", 0, 255, List.of(nodes));
  }

  private static NodeView node(String id, NodeHealth health, Instant since) {
    return new NodeView(
        id, "americas", Set.of(NodeRole.STORE), null, "127.0.0.1:1", health, since, null);
  }
}
