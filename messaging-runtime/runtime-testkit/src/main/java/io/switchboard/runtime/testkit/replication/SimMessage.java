package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.FetchResponse;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.ShardImage;

/** What the simulated replicas and control plane send each other over the {@link FakeNetwork}. */
sealed interface SimMessage {

  /** Replica to primary. */
  record Fetch(FetchRequest request) implements SimMessage {}

  /** Primary (or whoever was asked) to replica. */
  record FetchAnswer(FetchResponse response) implements SimMessage {}

  /**
   * Follower to the primary it follows, after a {@code FetchResponse.ImageNeeded}: send me an image
   * of your committed prefix, if you still are the primary of {@code epoch}.
   */
  record ImageRequest(long epoch) implements SimMessage {}

  /** Primary to follower: the image it asked for. */
  record ImageAnswer(ShardImage image) implements SimMessage {}

  /** Control plane to replica: fence at {@code epoch}. */
  record Fence(long epoch) implements SimMessage {}

  /** Replica to control plane: fenced. */
  record Fenced(FenceReport report) implements SimMessage {}

  /** Replica to control plane: refused to be fenced at {@code epoch}, it has seen a higher one. */
  record FenceRefused(long epoch, long seen) implements SimMessage {}

  /** Control plane to replica: become the primary of {@code epoch}, counting {@code group}. */
  record Promote(long epoch, ReplicaGroup group) implements SimMessage {}

  /** Replica to control plane: the promotion at {@code epoch} happened, or {@code refused}. */
  record PromoteAnswer(long epoch, boolean refused) implements SimMessage {}

  /** Control plane to replica: follow {@code primary} at {@code epoch} (the shard map). */
  record Follow(String primary, long epoch) implements SimMessage {}

  /** Control plane to the primary of its map: health check number {@code check}, are you there? */
  record Heartbeat(long epoch, long check) implements SimMessage {}

  /** Replica to control plane: whether it serves as primary at {@code epoch}. */
  record HeartbeatAnswer(long epoch, long check, boolean serving) implements SimMessage {}

  /**
   * Control plane to an in-DC follower (a monitor): can you reach {@code node} over your own peer
   * link? (The real {@code ProbePeer} call.)
   */
  record Probe(long probe, String node) implements SimMessage {}

  /** Monitor to the probed node: the round trip of a probe. */
  record ProbePing(long probe) implements SimMessage {}

  /** Probed node to monitor: the answer to {@link ProbePing}, from any running node. */
  record ProbePong(long probe) implements SimMessage {}

  /** Monitor to control plane: whether its {@link ProbePing} came back within its probe timeout. */
  record Probed(long probe, boolean reachable) implements SimMessage {}
}
