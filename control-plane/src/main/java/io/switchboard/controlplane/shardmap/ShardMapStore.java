package io.switchboard.controlplane.shardmap;

import com.google.protobuf.InvalidProtocolBufferException;
import io.switchboard.runtime.node.peer.ShardMapSnapshots;
import io.switchboard.runtime.peer.ShardMapSnapshot;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The control plane's record of the shard maps it published (table {@code shard_map_version}): the
 * desired state. The newest one is what the nodes start with after a restart of the control plane.
 * Versions only grow: saving a version already stored changes nothing.
 */
@Repository
public class ShardMapStore {

  private final JdbcClient jdbc;
  private final Clock clock;

  ShardMapStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores {@code map} unless its version is stored already. */
  public void save(ShardMap map) {
    if (jdbc.sql("SELECT COUNT(*) FROM shard_map_version WHERE version = ?")
            .param(map.version())
            .query(Long.class)
            .single()
        > 0) {
      return;
    }
    jdbc.sql("INSERT INTO shard_map_version (version, published_at, content) VALUES (?, ?, ?)")
        .params(
            map.version(),
            clock.instant().atOffset(ZoneOffset.UTC),
            Base64.getEncoder().encodeToString(ShardMapSnapshots.toSnapshot(map).toByteArray()))
        .update();
  }

  /**
   * The newest stored map, if any.
   *
   * @throws IllegalStateException when the stored map does not decode (a damaged database)
   */
  public Optional<ShardMap> newest() {
    return jdbc.sql("SELECT content FROM shard_map_version ORDER BY version DESC LIMIT 1")
        .query(String.class)
        .optional()
        .map(ShardMapStore::decode);
  }

  private static ShardMap decode(String content) {
    try {
      return ShardMapSnapshots.fromSnapshot(
          ShardMapSnapshot.parseFrom(Base64.getDecoder().decode(content)));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new IllegalStateException("the stored shard map does not decode", e);
    }
  }
}
