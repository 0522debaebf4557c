package io.switchboard.runtime.node.replication;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a promotion of several shards passed each of its stages, for a failover's timeline. Each
 * moment is the latest over the shards that reached the stage (the stage is over for the whole call
 * then); {@code null} when no shard reached it.
 *
 * @param fenced a majority of every shard's voters (or, across DCs, every answering replica) had
 *     recorded the new epoch: from then on the old primary cannot commit
 * @param elected the replica to promote had been chosen from the fence reports
 * @param promoted the chosen replicas had answered that they lead at the new epoch
 * @param notified the new map had been installed on every node that answered: gateways route by it
 */
public record PromotionMilestones(
    Instant fenced, Instant elected, Instant promoted, Instant notified) {

  /** No stage reached. */
  public static final PromotionMilestones NONE = new PromotionMilestones(null, null, null, null);

  /**
   * The stages that happened by name ({@code fenced}, {@code elected}, {@code promoted}, {@code
   * notified}), in the order they happen: the marks of a failover's step.
   */
  public Map<String, Instant> byStage() {
    Map<String, Instant> stages = new LinkedHashMap<>();
    stages.put("fenced", fenced);
    stages.put("elected", elected);
    stages.put("promoted", promoted);
    stages.put("notified", notified);
    stages.values().removeIf(Objects::isNull);
    return Collections.unmodifiableMap(stages);
  }

  PromotionMilestones notifiedAt(Instant at) {
    return new PromotionMilestones(fenced, elected, promoted, at);
  }

  /** Records, concurrently with the shards' promotions, the latest moment of each stage. */
  static final class Tracker {
    private final AtomicReference<Instant> fenced = new AtomicReference<>();
    private final AtomicReference<Instant> elected = new AtomicReference<>();
    private final AtomicReference<Instant> promoted = new AtomicReference<>();

    void fenced() {
      latest(fenced);
    }

    void elected() {
      latest(elected);
    }

    void promoted() {
      latest(promoted);
    }

    PromotionMilestones milestones() {
      return new PromotionMilestones(fenced.get(), elected.get(), promoted.get(), null);
    }

    private static void latest(AtomicReference<Instant> stage) {
      Instant now = Instant.now();
      stage.accumulateAndGet(now, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }
  }
}
