package io.switchboard.console.drills;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.drill.DrillReportView.Objective;
import java.time.Instant;
import java.util.List;

/** Drill reports for the tests. */
final class DrillFixtures {

  private DrillFixtures() {}

  /** A passed drill of middle-east-2: first write after 4200 ms, objective 15000 ms. */
  static DrillReportView passed() {
    return report(
        "op-1",
        List.of(
            new Moment("fault", 0L),
            new Moment("detected", 3100L),
            new Moment("confirmed", 3150L),
            new Moment("promoted", 3300L),
            new Moment("first-write", 4200L)),
        true);
  }

  static DrillReportView report(String id, List<Moment> timeline, boolean passed) {
    return new DrillReportView(
        id,
        "middle-east-2",
        List.of(770, 771),
        Instant.parse("2026-11-26T10:00:00Z"),
        timeline,
        4350,
        1200,
        0,
        "middle-east-2 came back at epoch 3 and refused to lead epoch 2",
        List.of(
            new Objective("failover", "< 15000 ms", "4200 ms", passed),
            new Objective("rpo-in-dc", "<= 0 messages", "0 messages", true)),
        passed);
  }
}
