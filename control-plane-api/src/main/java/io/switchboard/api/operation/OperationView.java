package io.switchboard.api.operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An operation as the API shows it.
 *
 * @param id the operation's id; {@code null} for a dry run's plan
 * @param type its type, e.g. {@code SHARD_SWITCHOVER}
 * @param title what it does, for people ("switch shard 17 from americas-1 to americas-2")
 * @param requester who asked for it
 * @param parameters its parameters as given, plus those the planner fixed (e.g. the epoch)
 * @param state {@code PLANNED}, {@code APPROVED}, {@code RUNNING}, {@code SUCCEEDED}, {@code
 *     FAILED}, {@code CANCELLED} or {@code ROLLED_BACK}
 * @param approvalRequired whether a second person must approve it before it runs
 * @param approver who approved it, if anyone
 * @param cancelRequested whether a cancel waits for the next step boundary
 * @param failure why it failed or was rolled back, if it was
 * @param resources what it holds while it is not finished: {@code shard:N}, {@code node:ID}, {@code
 *     dc:ID}
 * @param steps its plan, in order, with each step's progress
 */
public record OperationView(
    String id,
    String type,
    String title,
    String requester,
    Map<String, String> parameters,
    String state,
    boolean approvalRequired,
    String approver,
    boolean cancelRequested,
    String failure,
    List<String> resources,
    List<StepView> steps,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * One step.
   *
   * @param state {@code PENDING}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code
   *     SKIPPED}
   * @param detail what it found or did (or why it failed), once it ran
   */
  public record StepView(
      String name,
      String description,
      String state,
      String detail,
      Instant startedAt,
      Instant finishedAt) {}
}
