package io.switchboard.console.shards;

import io.switchboard.api.shard.ShardView;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication lag of one shard as its detail reported it: the largest lag among its replicas
 * (age of the oldest missing entry, and entries missing) and which replica has it, and the replicas
 * that did not answer.
 *
 * @param worstNode the replica with the largest lag, {@code null} when every replica is in sync
 */
public record LagSample(
    int shard, long lagMillis, long lagRecords, String worstNode, List<String> unreachable) {

  public LagSample {
    unreachable = List.copyOf(unreachable);
  }

  /** The lag of {@code view}'s shard. */
  public static LagSample of(ShardView view) {
    long millis = 0;
    long records = 0;
    String worst = null;
    List<String> unreachable = new ArrayList<>();
    for (ShardView.ReplicaView replica : view.replicas()) {
      if (!replica.reachable()) {
        unreachable.add(replica.node());
        continue;
      }
      records = Math.max(records, replica.lagRecords());
      if (replica.lagMillis() > millis || (worst == null && replica.lagRecords() > 0)) {
        millis = replica.lagMillis();
        worst = replica.node();
      }
    }
    return new LagSample(view.summary().shard(), millis, records, worst, unreachable);
  }

  /** For people: "in sync", "lag 120 ms, 3 entries (asia-1)", "asia-1 unreachable". */
  public String describe() {
    if (!unreachable.isEmpty()) {
      return String.join(", ", unreachable) + " unreachable: lag unknown";
    }
    if (lagMillis == 0 && lagRecords == 0) {
      return "replicas in sync";
    }
    return "lag "
        + lagMillis
        + " ms, "
        + lagRecords
        + (lagRecords == 1 ? " entry" : " entries")
        + (worstNode == null ? "" : " (" + worstNode + ")");
  }
}
