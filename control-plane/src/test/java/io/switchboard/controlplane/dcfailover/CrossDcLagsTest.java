package io.switchboard.controlplane.dcfailover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the sampler reads a primary's metrics; the scraping runs in DcFailoverIT. */
class CrossDcLagsTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void keepsPerShardTheCrossDcReplicaLeastBehindAndIgnoresInDcLag() {
    CrossDcLags sampler = new CrossDcLags();
    String metrics =
        """
        # TYPE switchboard_replication_lag_records gauge
        switchboard_replication_lag_records{replica="americas-2",scope="in_dc",shard="7"} 0.0
        switchboard_replication_lag_records{replica="asia-1",scope="cross_dc",shard="7"} 12.0
        switchboard_replication_lag_records{replica="asia-2",scope="cross_dc",shard="7"} 3.0
        switchboard_replication_lag_seconds{replica="asia-1",scope="cross_dc",shard="7"} 1.5
        switchboard_replication_lag_seconds{replica="asia-2",scope="cross_dc",shard="7"} 0.25
        switchboard_replication_lag_records{replica="americas-3",scope="in_dc",shard="8"} 9.0
        """;

    sampler.record("americas-1", metrics, AT);

    CrossDcLags.Lag lag = sampler.lag(7).orElseThrow();
    assertThat(lag).isEqualTo(new CrossDcLags.Lag("americas-1", "asia-2", 3, 0.25, AT));
    assertThat(sampler.lag(8)).as("only in-DC lag: no cross-DC replica").isEmpty();
  }

  @Test
  void aLaterSampleReplacesTheShardsLagAndAnUnreadNodeKeepsItsLast() {
    CrossDcLags sampler = new CrossDcLags();
    sampler.record(
        "americas-1",
        "switchboard_replication_lag_records{replica=\"asia-1\",scope=\"cross_dc\",shard=\"7\"} 5.0",
        AT);
    sampler.record(
        "americas-1",
        "switchboard_replication_lag_records{replica=\"asia-1\",scope=\"cross_dc\",shard=\"7\"} 2.0",
        AT.plusSeconds(5));

    assertThat(sampler.lag(7).orElseThrow().records()).isEqualTo(2);
    assertThat(sampler.lag(7).orElseThrow().sampledAt()).isEqualTo(AT.plusSeconds(5));
  }
}
