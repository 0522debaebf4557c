package io.switchboard.console.shards;

import io.switchboard.api.topology.DataCenterView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the map groups its cells: one block per data centre over the shard range it homes (0-255
 * Americas, 256-511 Europe, 512-767 Asia, 768-1023 Middle East by default), in shard order, and an
 * "Unassigned" block for any range no data centre homes, so every shard is drawn exactly once.
 */
public final class ShardBlocks {

  /** Cells per row inside a block: a 256-shard range is a 16 x 16 square. */
  public static final int COLUMNS = 16;

  private ShardBlocks() {}

  /**
   * One block of consecutive shards.
   *
   * @param dcId the data centre homing the range, {@code null} for an unassigned range
   * @param name what the label says
   */
  public record Block(String dcId, String name, int first, int last) {

    public int size() {
      return last - first + 1;
    }

    /** "256–511". */
    public String range() {
      return first + "–" + last;
    }

    /** A stable id for the element, e.g. "europe" or "unassigned-0". */
    public String key() {
      return dcId != null ? dcId : "unassigned-" + first;
    }
  }

  /** The blocks covering shards 0 to {@code shardCount - 1}, in shard order. */
  public static List<Block> of(List<DataCenterView> dataCenters, int shardCount) {
    List<DataCenterView> homes =
        dataCenters.stream()
            .filter(dc -> dc.firstShard() <= dc.lastShard())
            .sorted(Comparator.comparingInt(DataCenterView::firstShard))
            .toList();
    List<Block> blocks = new ArrayList<>();
    int next = 0;
    for (DataCenterView dc : homes) {
      int first = Math.max(dc.firstShard(), next);
      int last = Math.min(dc.lastShard(), shardCount - 1);
      if (first > last) {
        continue;
      }
      if (first > next) {
        blocks.add(new Block(null, "Unassigned", next, first - 1));
      }
      blocks.add(new Block(dc.id(), dc.name(), first, last));
      next = last + 1;
    }
    if (next < shardCount) {
      blocks.add(new Block(null, blocks.isEmpty() ? "Shards" : "Unassigned", next, shardCount - 1));
    }
    return List.copyOf(blocks);
  }
}
