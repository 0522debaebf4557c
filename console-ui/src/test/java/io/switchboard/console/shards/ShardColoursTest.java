package io.switchboard.console.shards;

import static io.switchboard.console.shards.ShardFixtures.replica;
import static io.switchboard.console.shards.ShardFixtures.summary;
import static io.switchboard.console.shards.ShardFixtures.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.NodeHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardColoursTest {

  private static final ClusterState ALL_UP = ClusterState.of(topology(Map.of()), List.of());

  @Test
  void primaryDcColourFollowsTheNodeHoldingThePrimaryNotTheHomeRange() {
    ShardSummary home = summary(17);
    assertThat(ShardColours.cell(ColourMode.PRIMARY_DC, home, ALL_UP, null).key())
        .isEqualTo("dc-0");
    ShardSummary moved =
        new ShardSummary(17, "americas", "asia-2", 4, List.of("americas-1"), List.of());
    ShardColours.Cell cell = ShardColours.cell(ColourMode.PRIMARY_DC, moved, ALL_UP, null);
    assertThat(cell.key()).isEqualTo("dc-2");
    assertThat(cell.tooltip())
        .isEqualTo(
            "Shard 17\nprimary asia-2 (Asia)\nepoch 4\nhome Americas: primary outside its home DC");
    ShardSummary stranger = new ShardSummary(18, "americas", "mars-1", 1, List.of(), List.of());
    assertThat(ShardColours.cell(ColourMode.PRIMARY_DC, stranger, ALL_UP, null).key())
        .isEqualTo(ShardColours.UNKNOWN_DC);
  }

  @Test
  void healthTakesTheWorstVerdictFirst() {
    ShardSummary shard = summary(300); // europe-1 primary, europe-2 and europe-3 followers
    assertThat(shard.primary()).isEqualTo("europe-1");
    assertThat(ShardColours.health(shard, ALL_UP).health()).isEqualTo(ShardHealth.HEALTHY);

    ClusterState followerDown = state(Map.of("europe-2", NodeHealth.DOWN), List.of());
    assertThat(ShardColours.health(shard, followerDown))
        .isEqualTo(
            new ShardColours.HealthVerdict(ShardHealth.REPLICAS_DEGRADED, "replica europe-2 down"));

    ClusterState primaryAndFollowerDown =
        state(Map.of("europe-1", NodeHealth.DOWN, "europe-2", NodeHealth.DOWN), List.of());
    assertThat(ShardColours.health(shard, primaryAndFollowerDown))
        .isEqualTo(
            new ShardColours.HealthVerdict(ShardHealth.PRIMARY_DOWN, "primary europe-1 is down"));

    ShardSummary oneFollower =
        new ShardSummary(300, "europe", "europe-1", 2, List.of("europe-2"), List.of());
    assertThat(ShardColours.health(oneFollower, ALL_UP))
        .isEqualTo(
            new ShardColours.HealthVerdict(ShardHealth.REPLICAS_DEGRADED, "1 follower missing"));

    ClusterState drift =
        state(Map.of(), List.of("europe-3 serves map version 11, not 12", "someone else"));
    assertThat(ShardColours.health(shard, drift))
        .isEqualTo(
            new ShardColours.HealthVerdict(ShardHealth.DRIFT, "europe-3 not on the newest map"));
    assertThat(ShardColours.health(summary(0), drift).health())
        .as("drift of a node outside the set")
        .isEqualTo(ShardHealth.HEALTHY);

    ClusterState unchecked = state(Map.of("europe-3", NodeHealth.UNKNOWN), List.of());
    assertThat(ShardColours.health(shard, unchecked).health()).isEqualTo(ShardHealth.UNKNOWN);
  }

  @Test
  void aStoppedNodeInTheDriftListCountsAsDownBeforeHealthChecksNotice() {
    ClusterState stopped = state(Map.of(), List.of("europe-1 is down: it serves no map"));
    assertThat(stopped.stoppedNodes()).containsExactly("europe-1");
    assertThat(stopped.driftingNodes()).isEmpty();
    assertThat(ShardColours.health(summary(300), stopped).health())
        .isEqualTo(ShardHealth.PRIMARY_DOWN);
    ClusterState silent =
        state(Map.of(), List.of("asia-1 did not say which map it serves: timeout"));
    assertThat(silent.driftingNodes()).containsExactly("asia-1");
  }

  @Test
  void lagGradientStepsByAgeAndByEntriesBeyondTheSnapshotThreshold() {
    assertThat(LagBucket.of(null)).isEqualTo(LagBucket.NOT_SAMPLED);
    assertThat(LagBucket.of(sample(0, 0))).isEqualTo(LagBucket.IN_SYNC);
    assertThat(LagBucket.of(sample(0, 3))).isEqualTo(LagBucket.UP_TO_100_MS);
    assertThat(LagBucket.of(sample(100, 3))).isEqualTo(LagBucket.UP_TO_100_MS);
    assertThat(LagBucket.of(sample(101, 3))).isEqualTo(LagBucket.UP_TO_1_S);
    assertThat(LagBucket.of(sample(1_001, 3))).isEqualTo(LagBucket.UP_TO_10_S);
    assertThat(LagBucket.of(sample(10_001, 3))).isEqualTo(LagBucket.OVER_10_S);
    assertThat(LagBucket.of(sample(5, 10_001))).isEqualTo(LagBucket.OVER_10_S);
    assertThat(LagBucket.of(new LagSample(1, 0, 0, null, List.of("asia-1"))))
        .isEqualTo(LagBucket.UNREACHABLE);
  }

  @Test
  void aShardsLagIsItsWorstReachableReplica() {
    ShardView view =
        new ShardView(
            summary(600),
            List.of(
                replica("asia-1", "PRIMARY", true, 0, 0),
                replica("asia-2", "FOLLOWER", true, 2, 40),
                replica("asia-3", "FOLLOWER", true, 0, 0),
                replica("americas-1", "ASYNC", true, 7, 350)),
            List.of());
    LagSample sample = LagSample.of(view);
    assertThat(sample).isEqualTo(new LagSample(600, 350, 7, "americas-1", List.of()));
    assertThat(sample.describe()).isEqualTo("lag 350 ms, 7 entries (americas-1)");
    ShardColours.Cell cell = ShardColours.cell(ColourMode.LAG, summary(600), ALL_UP, sample);
    assertThat(cell.key()).isEqualTo("lag-2");
    assertThat(cell.tooltip()).endsWith("epoch 1\nlag 350 ms, 7 entries (americas-1)");
    assertThat(ShardColours.cell(ColourMode.LAG, summary(600), ALL_UP, null).tooltip())
        .endsWith("lag not sampled yet");
  }

  @Test
  void legendListsEveryColourOfTheModeWithItsCount() {
    ShardMapView map = ShardFixtures.map(List.of());
    ClusterState state = state(Map.of("asia-1", NodeHealth.DOWN), List.of());

    List<ShardColours.Cell> byDc = ShardColours.cells(ColourMode.PRIMARY_DC, map, state, s -> null);
    assertThat(ShardColours.legend(ColourMode.PRIMARY_DC, state, byDc))
        .containsExactly(
            new ShardColours.LegendEntry("dc-0", "Americas", 256),
            new ShardColours.LegendEntry("dc-1", "Europe", 256),
            new ShardColours.LegendEntry("dc-2", "Asia", 256),
            new ShardColours.LegendEntry("dc-3", "Middle East", 256));

    List<ShardColours.Cell> byHealth = ShardColours.cells(ColourMode.HEALTH, map, state, s -> null);
    List<ShardColours.LegendEntry> health = ShardColours.legend(ColourMode.HEALTH, state, byHealth);
    assertThat(health)
        .extracting(ShardColours.LegendEntry::key)
        .containsExactly(
            "health-primary-down",
            "health-replicas",
            "health-drift",
            "health-unknown",
            "health-ok");
    // asia-1 leads the Asia shards divisible by 3 (85 of 256) and follows in the other 171; it is
    // also the async replica of the Americas shards divisible by 3 (86 of 256).
    assertThat(health.get(0).count()).isEqualTo(85);
    assertThat(health.get(1).count()).isEqualTo(171 + 86);
    assertThat(health.stream().mapToInt(ShardColours.LegendEntry::count).sum()).isEqualTo(1024);

    List<ShardColours.Cell> byLag =
        ShardColours.cells(ColourMode.LAG, map, state, s -> s < 10 ? sample(0, 0) : null);
    assertThat(ShardColours.legend(ColourMode.LAG, state, byLag))
        .extracting(ShardColours.LegendEntry::key, ShardColours.LegendEntry::count)
        .startsWith(org.assertj.core.groups.Tuple.tuple("lag-0", 10))
        .endsWith(org.assertj.core.groups.Tuple.tuple("lag-pending", 1014));
  }

  private static ClusterState state(Map<String, NodeHealth> health, List<String> drift) {
    return ClusterState.of(topology(health), drift);
  }

  private static LagSample sample(long millis, long records) {
    return new LagSample(1, millis, records, millis + records == 0 ? null : "asia-2", List.of());
  }
}
