package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.DcFailoverReportView.ShardRisk;
import io.switchboard.api.dcfailover.GatewayDirectoryView;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.cli.testing.DcFailoverReports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcFailoverTextTest {

  private static final Instant STARTED = Instant.parse("2025-03-01T12:00:00Z");
  private static final DcFailoverReportView AMERICAS =
      DcFailoverReports.report("dcf-1", "americas", 0, "asia", "operator", STARTED);

  @Test
  void reportHasTheSummaryTheTenWorstPromotedShardsAndTheShardsNotPromoted() {
    String text = DcFailoverText.report(AMERICAS, STARTED);

    assertThat(text)
        .isEqualTo(
            """
            DC failover  dcf-1
            Data centre  americas
            Trigger      operator
            Promoted     254 of 256 shards
            At risk      23310 records (the asynchronous replicas' lag at the last sample: \
            possibly lost)
            Not sampled  1 shard (lag unknown)

            Worst 10 of 254 promoted shards by lag (sample age: when the failover started)
            SHARD  LOST -> NEW PRIMARY   LAG RECORDS  LAG SECONDS  SAMPLE AGE
            17     americas-3 -> asia-3  4200         42.0 s       2 s
            15     americas-1 -> asia-1  150          1.5 s        4 s
            31     americas-2 -> asia-2  150          1.5 s        4 s
            47     americas-3 -> asia-3  150          1.5 s        4 s
            63     americas-1 -> asia-1  150          1.5 s        4 s
            79     americas-2 -> asia-2  150          1.5 s        4 s
            95     americas-3 -> asia-3  150          1.5 s        4 s
            111    americas-1 -> asia-1  150          1.5 s        4 s
            127    americas-2 -> asia-2  150          1.5 s        4 s
            143    americas-3 -> asia-3  150          1.5 s        4 s

            Not promoted: 2 shards
            SHARD  LOST PRIMARY  FAILURE
            201    americas-1    asia-1 did not answer the promotion
            202    americas-2    asia-2 did not answer the promotion""");
  }

  @Test
  void fewShardsAllPromotedAndSampledNeedNeitherTheUnsampledLineNorTheFailures() {
    DcFailoverReportView report =
        new DcFailoverReportView(
            "dcf-2",
            "asia",
            "unreachable",
            List.of(
                new ShardRisk(512, "asia-1", "middle-east-1", 9L, 0L, 0.0, STARTED, null),
                new ShardRisk(
                    513,
                    "asia-2",
                    "middle-east-2",
                    9L,
                    12L,
                    0.25,
                    STARTED.minusSeconds(90),
                    null)));

    String text = DcFailoverText.report(report, STARTED);

    assertThat(text)
        .contains("Trigger      unreachable\n")
        .contains("Promoted     2 of 2 shards\n")
        .contains("At risk      12 records")
        .contains("\nWorst 2 of 2 promoted shards by lag")
        .endsWith(
            """
            513    asia-2 -> middle-east-2  12           0.3 s        90 s
            512    asia-1 -> middle-east-1  0            0.0 s        0 s""")
        .doesNotContain("Not sampled")
        .doesNotContain("Not promoted");
  }

  @Test
  void aReportWithoutPromotionsSaysSoAndListsEveryFailure() {
    DcFailoverReportView report =
        new DcFailoverReportView(
            "dcf-3",
            "middle-east",
            "error-rate",
            List.of(
                new ShardRisk(768, "middle-east-1", null, null, null, null, null, "no replica")));

    String text = DcFailoverText.report(report, null);

    assertThat(text)
        .contains("Promoted     0 of 1 shard\n")
        .contains("At risk      0 records")
        .contains("Not sampled  1 shard (lag unknown)\n")
        .contains("\nNo shard was promoted.\n")
        .endsWith(
            """
            Not promoted: 1 shard
            SHARD  LOST PRIMARY   FAILURE
            768    middle-east-1  no replica""");
  }

  @Test
  void sampleAgeIsInSecondsThenMinutesThenHoursAndUnknownWithoutEitherTime() {
    assertThat(DcFailoverText.sampleAge(STARTED.minusSeconds(119), STARTED)).isEqualTo("119 s");
    assertThat(DcFailoverText.sampleAge(STARTED.minusSeconds(120), STARTED)).isEqualTo("2 min");
    assertThat(DcFailoverText.sampleAge(STARTED.minusSeconds(7199), STARTED)).isEqualTo("119 min");
    assertThat(DcFailoverText.sampleAge(STARTED.minusSeconds(7200), STARTED)).isEqualTo("2 h");
    assertThat(DcFailoverText.sampleAge(STARTED.plusSeconds(3), STARTED))
        .as("a sample taken after the start is not negative")
        .isEqualTo("0 s");
    assertThat(DcFailoverText.sampleAge(null, STARTED)).isEqualTo("-");
    assertThat(DcFailoverText.sampleAge(STARTED, null)).isEqualTo("-");
  }

  @Test
  void unknownStartLeavesTheSampleAgeOut() {
    String text = DcFailoverText.report(AMERICAS, null);

    assertThat(text).contains("\n17     americas-3 -> asia-3  4200         42.0 s       -\n");
  }

  @Test
  void gatewaysHasOneRowPerDataCentreInTheOrderSent() {
    GatewayDirectoryView directory =
        new GatewayDirectoryView(
            List.of(
                new DataCenterEndpoints(
                    "europe", true, List.of("10.0.1.1:7100", "10.0.1.2:7100"), null, null, null),
                new DataCenterEndpoints("asia", true, List.of(), null, null, null),
                new DataCenterEndpoints(
                    "americas",
                    false,
                    List.of("10.0.0.1:7100"),
                    Instant.parse("2025-03-01T12:00:00.750Z"),
                    "dcf-1",
                    "DC failover (unreachable)")));

    assertThat(DcFailoverText.gateways(directory))
        .isEqualTo(
            """
            DC        STATE    GATEWAYS                      REMOVED AT            REMOVED BY  REASON
            europe    SERVING  10.0.1.1:7100, 10.0.1.2:7100  -                     -           -
            asia      SERVING  -                             -                     -           -
            americas  REMOVED  10.0.0.1:7100                 2025-03-01T12:00:00Z  dcf-1       \
            DC failover (unreachable)""");
  }

  @Test
  void anEmptyDirectoryIsASentence() {
    assertThat(DcFailoverText.gateways(new GatewayDirectoryView(List.of())))
        .isEqualTo("No data centres in the gateway directory.");
  }
}
