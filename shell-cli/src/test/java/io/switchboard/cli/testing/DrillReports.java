package io.switchboard.cli.testing;

import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.api.drill.DrillReportView.Objective;
import java.time.Instant;
import java.util.List;

/**
 * Failover drill reports built from the API records, as the control plane stores them: a drill
 * whose failover took {@value #FIRST_WRITE_MILLIS} ms to the first write (objective {@value
 * #FAILOVER_TARGET}), and one whose failover never happened.
 */
public final class DrillReports {

  /** The failover objective of every report. */
  public static final String FAILOVER_TARGET = "< 15000 ms";

  /** The in-DC RPO objective of every report. */
  public static final String RPO_TARGET = "<= 0 messages";

  /** When the failover was detected, after the fault. */
  public static final long DETECTED_MILLIS = 1500;

  /** When the second monitor confirmed it. */
  public static final long CONFIRMED_MILLIS = 2600;

  /** When the new primaries were promoted and published. */
  public static final long PROMOTED_MILLIS = 3100;

  /** When the first write after the fault was acknowledged. */
  public static final long FIRST_WRITE_MILLIS = 3350;

  /** The longest a synthetic writer waited. */
  public static final long UNAVAILABLE_MILLIS = 3420;

  /** The writes acknowledged during a drill. */
  public static final long ACKNOWLEDGED = 1200;

  private DrillReports() {}

  /**
   * A drill of {@code node} whose failover met its objective; it passed unless {@code lost}
   * acknowledged writes are missing.
   */
  public static DrillReportView report(
      String id, String node, List<Integer> shards, Instant startedAt, long lost) {
    List<Objective> objectives =
        List.of(
            new Objective("failover", FAILOVER_TARGET, FIRST_WRITE_MILLIS + " ms", true),
            new Objective("rpo-in-dc", RPO_TARGET, lost + " messages", lost == 0));
    return new DrillReportView(
        id,
        node,
        shards,
        startedAt,
        List.of(
            new Moment("fault", 0L),
            new Moment("detected", DETECTED_MILLIS),
            new Moment("confirmed", CONFIRMED_MILLIS),
            new Moment("promoted", PROMOTED_MILLIS),
            new Moment("first-write", FIRST_WRITE_MILLIS)),
        UNAVAILABLE_MILLIS,
        ACKNOWLEDGED,
        lost,
        fencing(node, shards),
        objectives,
        lost == 0);
  }

  /**
   * A drill of {@code node} whose failover was detected and confirmed but never promoted anyone: no
   * write after the fault, the failover objective missed.
   */
  public static DrillReportView missedFailover(
      String id, String node, List<Integer> shards, Instant startedAt) {
    return new DrillReportView(
        id,
        node,
        shards,
        startedAt,
        List.of(
            new Moment("fault", 0L),
            new Moment("detected", 1800L),
            new Moment("confirmed", 2900L),
            new Moment("promoted", null),
            new Moment("first-write", null)),
        30000,
        800,
        0,
        fencing(node, shards),
        List.of(
            new Objective("failover", FAILOVER_TARGET, "no write", false),
            new Objective("rpo-in-dc", RPO_TARGET, "0 messages", true)),
        false);
  }

  /** The fencing sentence the control plane writes, for the first of {@code shards}. */
  public static String fencing(String node, List<Integer> shards) {
    return node
        + "'s replica of shard "
        + (shards.isEmpty() ? "-" : shards.get(0))
        + " is FOLLOWER at epoch 4 (it led epoch 3): it can commit nothing at its old epoch";
  }
}
