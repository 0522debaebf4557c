package io.switchboard.api.drill;

import java.time.Instant;
import java.util.List;

/**
 * What a failover drill measured.
 *
 * @param id the drill's operation id
 * @param node the node whose process was killed
 * @param shards the shards the drill's synthetic traffic wrote to (led by the node)
 * @param startedAt when the fault was injected
 * @param timeline the moments of the failover, in milliseconds after the fault
 * @param unavailableMillis the longest time a synthetic writer waited between two acknowledged
 *     writes across the fault: the write unavailability clients saw
 * @param acknowledged writes acknowledged during the drill
 * @param lost acknowledged writes missing from the mailboxes afterwards (the RPO, in messages)
 * @param fencing how the old primary refused to lead its old epoch after it came back
 * @param objectives each objective with the measured value and the verdict
 * @param passed whether every objective passed
 */
public record DrillReportView(
    String id,
    String node,
    List<Integer> shards,
    Instant startedAt,
    List<Moment> timeline,
    long unavailableMillis,
    long acknowledged,
    long lost,
    String fencing,
    List<Objective> objectives,
    boolean passed) {

  /**
   * One moment of the failover.
   *
   * @param name {@code fault}, {@code detected}, {@code confirmed}, {@code promoted} (fenced,
   *     elected, promoted and published in one step), {@code first-write}
   * @param millis milliseconds after the fault; null if it did not happen
   */
  public record Moment(String name, Long millis) {}

  /**
   * One objective.
   *
   * @param name {@code failover} (first successful write after the fault) or {@code rpo-in-dc}
   * @param target the objective, e.g. "< 15000 ms" or "0 messages"
   * @param measured what the drill measured
   * @param passed whether it met the objective
   */
  public record Objective(String name, String target, String measured, boolean passed) {}
}
