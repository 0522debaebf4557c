package io.switchboard.runtime.node.cluster;

import io.switchboard.runtime.sharding.ShardMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest shard map a node knows. Versions only move forward: installing a map that is not newer
 * than the current one changes nothing. Thread-safe; reads are a volatile load.
 */
public final class ShardMapHolder {

  private final AtomicReference<ShardMap> current;

  public ShardMapHolder(ShardMap initial) {
    this.current = new AtomicReference<>(initial);
  }

  public ShardMap current() {
    return current.get();
  }

  /**
   * Installs {@code map} if it is newer than the current one.
   *
   * @return whether it was installed
   */
  public boolean install(ShardMap map) {
    ShardMap before = current.getAndUpdate(held -> map.version() > held.version() ? map : held);
    return map.version() > before.version();
  }
}
