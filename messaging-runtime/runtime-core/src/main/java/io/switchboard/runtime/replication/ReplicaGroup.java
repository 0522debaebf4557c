package io.switchboard.runtime.replication;

import java.util.Set;
import java.util.TreeSet;

/**
 * The replicas of a shard as its primary counts them.
 *
 * @param voters the in-DC replicas, the primary included: a write commits once a {@link #quorum()}
 *     of them hold it durably (LOCAL_QUORUM)
 * @param asyncReplicas replicas in other DCs: they fetch like followers, never count for the
 *     commit, and the primary tracks their lag (the shard's RPO for a DC loss)
 */
public record ReplicaGroup(Set<String> voters, Set<String> asyncReplicas) {

  public ReplicaGroup {
    voters = Set.copyOf(voters);
    asyncReplicas = Set.copyOf(asyncReplicas);
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("a shard needs at least one voter");
    }
    Set<String> both = new TreeSet<>(voters);
    both.retainAll(asyncReplicas);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException("replicas cannot be voters and async: " + both);
    }
  }

  /** How many voters must hold an entry durably for it to commit: a majority. */
  public int quorum() {
    return voters.size() / 2 + 1;
  }

  /** Whether {@code replicaId} is a voter or an async replica. */
  public boolean contains(String replicaId) {
    return voters.contains(replicaId) || asyncReplicas.contains(replicaId);
  }
}
