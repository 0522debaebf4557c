package io.switchboard.console.shards;

import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.topology.DataCenterView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Colours the shard map, purely: for each shard the colour key of its cell and its tooltip, and the
 * legend of a colour mode with how many shards each colour has. Keys are CSS hooks ({@code data-c},
 * see {@link ShardMapStyles}); the same key colours a cell and its legend swatch.
 *
 * <p>Health of a replica set, worst first (the first that applies wins):
 *
 * <ol>
 *   <li>the primary's node is down (failed its health checks, or stopped): {@link
 *       ShardHealth#PRIMARY_DOWN};
 *   <li>a follower's or async replica's node is down, or fewer than {@link #IN_DC_FOLLOWERS}
 *       followers: {@link ShardHealth#REPLICAS_DEGRADED};
 *   <li>a node of the set serves another map version or did not say which: {@link
 *       ShardHealth#DRIFT};
 *   <li>a node of the set has not been checked yet: {@link ShardHealth#UNKNOWN};
 *   <li>otherwise {@link ShardHealth#HEALTHY}.
 * </ol>
 */
public final class ShardColours {

  /** A shard has a primary and two followers in its home data centre (ADR 0008). */
  public static final int IN_DC_FOLLOWERS = 2;

  /** Colour key of a primary on a node the topology does not know. */
  public static final String UNKNOWN_DC = "dc-unknown";

  /** How many DC colours the palette has; a ninth data centre would share the first one's. */
  static final int DC_COLOURS = 8;

  private ShardColours() {}

  /** One cell: its shard, colour key and tooltip. */
  public record Cell(int shard, String key, String tooltip) {}

  /** One legend row: a colour key, what it means, and how many shards have it now. */
  public record LegendEntry(String key, String label, int count) {}

  /** A health verdict and, for people, why. */
  public record HealthVerdict(ShardHealth health, String reason) {}

  /** The cells of every shard of {@code map}, by shard number, coloured by {@code mode}. */
  public static List<Cell> cells(
      ColourMode mode, ShardMapView map, ClusterState state, IntFunction<LagSample> lags) {
    List<Cell> cells = new ArrayList<>(map.shards().size());
    for (ShardSummary shard : map.shards()) {
      cells.add(cell(mode, shard, state, lags.apply(shard.shard())));
    }
    return cells;
  }

  /** The cell of one shard. */
  public static Cell cell(ColourMode mode, ShardSummary shard, ClusterState state, LagSample lag) {
    String primaryDc = state.dcOf(shard.primary());
    StringBuilder tooltip =
        new StringBuilder("Shard ")
            .append(shard.shard())
            .append("\nprimary ")
            .append(shard.primary())
            .append(" (")
            .append(state.dcName(primaryDc))
            .append(")\nepoch ")
            .append(shard.epoch())
            .append('\n');
    String key;
    switch (mode) {
      case PRIMARY_DC -> {
        key = dcKey(state, primaryDc);
        tooltip.append("home ").append(state.dcName(shard.homeDc()));
        if (primaryDc != null && !primaryDc.equals(shard.homeDc())) {
          tooltip.append(": primary outside its home DC");
        }
      }
      case HEALTH -> {
        HealthVerdict verdict = health(shard, state);
        key = verdict.health().key();
        tooltip.append(verdict.reason());
      }
      case LAG -> {
        key = LagBucket.of(lag).key();
        tooltip.append(lag == null ? "lag not sampled yet" : lag.describe());
      }
      default -> throw new IllegalArgumentException("Unknown colour mode " + mode);
    }
    return new Cell(shard.shard(), key, tooltip.toString());
  }

  /** The colour key of a data centre: by its position in configuration order. */
  public static String dcKey(ClusterState state, String dcId) {
    int index = state.dcIndex(dcId);
    return index < 0 ? UNKNOWN_DC : "dc-" + (index % DC_COLOURS);
  }

  /** The health of one shard's replica set (see the class comment for the order). */
  public static HealthVerdict health(ShardSummary shard, ClusterState state) {
    if (state.isDown(shard.primary())) {
      return new HealthVerdict(ShardHealth.PRIMARY_DOWN, "primary " + shard.primary() + " is down");
    }
    List<String> replicas = new ArrayList<>(shard.followers());
    replicas.addAll(shard.asyncReplicas());
    List<String> down = replicas.stream().filter(state::isDown).toList();
    if (!down.isEmpty()) {
      return new HealthVerdict(
          ShardHealth.REPLICAS_DEGRADED,
          "replica" + (down.size() == 1 ? " " : "s ") + String.join(", ", down) + " down");
    }
    int missing = IN_DC_FOLLOWERS - shard.followers().size();
    if (missing > 0) {
      return new HealthVerdict(
          ShardHealth.REPLICAS_DEGRADED,
          missing + (missing == 1 ? " follower" : " followers") + " missing");
    }
    List<String> all = new ArrayList<>(replicas);
    all.add(0, shard.primary());
    List<String> drifting = all.stream().filter(state.driftingNodes()::contains).toList();
    if (!drifting.isEmpty()) {
      return new HealthVerdict(
          ShardHealth.DRIFT, String.join(", ", drifting) + " not on the newest map");
    }
    List<String> unchecked = all.stream().filter(state::isUnchecked).toList();
    if (!unchecked.isEmpty()) {
      return new HealthVerdict(
          ShardHealth.UNKNOWN, String.join(", ", unchecked) + " not checked yet");
    }
    return new HealthVerdict(ShardHealth.HEALTHY, "healthy: all replicas up, newest map");
  }

  /**
   * The legend of {@code mode} with the count of each colour among {@code cells}: every data centre
   * (and unknown nodes, when some primary is on one), every health verdict, every lag step.
   */
  public static List<LegendEntry> legend(ColourMode mode, ClusterState state, List<Cell> cells) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Cell cell : cells) {
      counts.merge(cell.key(), 1, Integer::sum);
    }
    List<LegendEntry> entries = new ArrayList<>();
    switch (mode) {
      case PRIMARY_DC -> {
        for (DataCenterView dc : state.dataCenters()) {
          String key = dcKey(state, dc.id());
          entries.add(new LegendEntry(key, dc.name(), counts.getOrDefault(key, 0)));
        }
        if (counts.containsKey(UNKNOWN_DC)) {
          entries.add(new LegendEntry(UNKNOWN_DC, "Unknown node", counts.get(UNKNOWN_DC)));
        }
      }
      case HEALTH -> {
        for (ShardHealth health : ShardHealth.values()) {
          entries.add(
              new LegendEntry(health.key(), health.label(), counts.getOrDefault(health.key(), 0)));
        }
      }
      case LAG -> {
        for (LagBucket bucket : LagBucket.values()) {
          entries.add(
              new LegendEntry(bucket.key(), bucket.label(), counts.getOrDefault(bucket.key(), 0)));
        }
      }
      default -> throw new IllegalArgumentException("Unknown colour mode " + mode);
    }
    return entries;
  }
}
