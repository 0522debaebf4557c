package io.switchboard.cli.testing;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView.ReplicaView;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard map built from the API records, as the control plane would report it: six shards over the
 * four data centres (nodes {@code americas-1..3}, {@code europe-1..3}, ...), map version {@value
 * #VERSION}, one node drifting. Shard 17 was switched to americas-2 (epoch 5), shard 300 stayed on
 * europe-1 after a rolled-back switchover (epoch 9); {@value #UNREACHABLE_NODE} does not answer.
 */
public final class ShardMaps {

  /** The version of {@link #map()}. */
  public static final long VERSION = 12;

  /** The drift line of {@link #map()}. */
  public static final String DRIFT = "americas-3 serves map version 11, not 12";

  /** The node that does not answer: its replicas are unreachable. */
  public static final String UNREACHABLE_NODE = "europe-2";

  /** The sequence number every primary has written and committed. */
  public static final long PRIMARY_SEQ = 1042;

  private ShardMaps() {}

  /** The shards of the map, by shard number. */
  public static List<ShardSummary> shards() {
    return List.of(
        new ShardSummary(
            0, "americas", "americas-1", 3, List.of("americas-2", "americas-3"), List.of()),
        new ShardSummary(
            17,
            "americas",
            "americas-2",
            5,
            List.of("americas-1", "americas-3"),
            List.of("europe-1")),
        new ShardSummary(
            256, "europe", "europe-1", 2, List.of("europe-2", "europe-3"), List.of("asia-1")),
        new ShardSummary(
            300, "europe", "europe-1", 9, List.of("europe-2", "europe-3"), List.of("americas-1")),
        new ShardSummary(512, "asia", "asia-1", 1, List.of("asia-2", "asia-3"), List.of()),
        new ShardSummary(
            768,
            "middle-east",
            "middle-east-1",
            4,
            List.of("middle-east-2", "middle-east-3"),
            List.of("europe-1")));
  }

  /** The whole map, with one drift line. */
  public static ShardMapView map() {
    return new ShardMapView(VERSION, shards(), List.of(DRIFT));
  }

  /**
   * The replica set of {@code shard}: the shard from {@link #shards()}, else (any other shard 0 to
   * 1023) nodes 1, 2 and 3 of its home data centre at epoch 1.
   */
  public static ShardSummary summary(int shard) {
    return shards().stream()
        .filter(summary -> summary.shard() == shard)
        .findFirst()
        .orElseGet(
            () -> {
              String dc = List.of("americas", "europe", "asia", "middle-east").get(shard / 256);
              return new ShardSummary(
                  shard, dc, dc + "-1", 1, List.of(dc + "-2", dc + "-3"), List.of());
            });
  }

  /**
   * The replicas of {@code summary} with what they report: the primary is up to date, the first
   * follower too, the second follower lags 3 entries (120 ms), async replicas 40 (2.5 s); {@link
   * #UNREACHABLE_NODE} reports nothing.
   */
  public static List<ReplicaView> replicas(ShardSummary summary) {
    List<ReplicaView> replicas = new ArrayList<>();
    replicas.add(replica(summary, summary.primary(), "PRIMARY", 0, 0));
    for (int index = 0; index < summary.followers().size(); index++) {
      replicas.add(
          replica(summary, summary.followers().get(index), "FOLLOWER", index * 3L, index * 120L));
    }
    summary
        .asyncReplicas()
        .forEach(node -> replicas.add(replica(summary, node, "ASYNC", 40, 2500)));
    return replicas;
  }

  private static ReplicaView replica(
      ShardSummary summary, String node, String kind, long lagRecords, long lagMillis) {
    String dc = node.substring(0, node.lastIndexOf('-'));
    if (node.equals(UNREACHABLE_NODE)) {
      return new ReplicaView(node, dc, kind, false, null, 0, 0, 0, 0, 0);
    }
    long lastSeq = PRIMARY_SEQ - lagRecords;
    return new ReplicaView(
        node,
        dc,
        kind,
        true,
        kind.equals("PRIMARY") ? "PRIMARY" : "FOLLOWER",
        summary.epoch(),
        lastSeq,
        kind.equals("ASYNC") ? lastSeq : Math.min(lastSeq, PRIMARY_SEQ),
        lagRecords,
        lagMillis);
  }
}
