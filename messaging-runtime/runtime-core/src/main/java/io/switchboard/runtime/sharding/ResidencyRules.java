package io.switchboard.runtime.sharding;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where each shard's data may be stored: every data centre lies in a region, and a shard range may
 * be restricted to a set of regions. A shard outside every rule may be stored in any region.
 *
 * <p>{@link #defaults()}: americas in AMER, europe in EU, asia in APAC, middle-east in ME; the EU
 * range 256..511 is restricted to EU, so EU-resident data never leaves EU data centres. The other
 * ranges have no rule: no residency requirement applies to them, and a copy in any other region
 * protects them against the loss of their home DC.
 *
 * <p>A data centre without a region is unknown to the rules: asking about it is an error rather
 * than a silent "allowed", so a new DC must be given a region before it can hold data.
 */
public final class ResidencyRules {

  private final Map<String, String> regionOfDc;
  private final Map<ShardRange, SortedSet<String>> allowedRegions;

  /**
   * @param regionOfDc data centre id to the region it lies in
   * @param allowedRegions shard range to the regions its shards may be stored in; ranges must not
   *     overlap, each must allow at least one region, and every region must be one a DC lies in
   * @throws IllegalArgumentException if a region is blank, ranges overlap, a rule allows no region
   *     or names a region no data centre lies in
   */
  public ResidencyRules(
      Map<String, String> regionOfDc, Map<ShardRange, ? extends Set<String>> allowedRegions) {
    this.regionOfDc = Map.copyOf(regionOfDc);
    this.regionOfDc.forEach(
        (dc, region) -> {
          if (region.isBlank()) {
            throw new IllegalArgumentException("Data centre " + dc + " has a blank region");
          }
        });
    Set<String> regions = Set.copyOf(this.regionOfDc.values());
    Map<ShardRange, SortedSet<String>> rules = new LinkedHashMap<>();
    allowedRegions.forEach(
        (range, allowed) -> {
          if (allowed.isEmpty()) {
            throw new IllegalArgumentException(
                "Residency rule for shards " + range + " allows no region");
          }
          for (String region : allowed) {
            if (!regions.contains(region)) {
              throw new IllegalArgumentException(
                  "Residency rule for shards "
                      + range
                      + " allows region "
                      + region
                      + ", which no data centre lies in; regions: "
                      + new TreeSet<>(regions));
            }
          }
          for (ShardRange other : rules.keySet()) {
            if (other.first() <= range.last() && range.first() <= other.last()) {
              throw new IllegalArgumentException(
                  "Residency rules for shards " + other + " and " + range + " overlap");
            }
          }
          rules.put(range, Collections.unmodifiableSortedSet(new TreeSet<>(allowed)));
        });
    this.allowedRegions = Collections.unmodifiableMap(rules);
  }

  /** The rules of the default four-DC layout; see the class comment. */
  public static ResidencyRules defaults() {
    return new ResidencyRules(
        Map.of("americas", "AMER", "europe", "EU", "asia", "APAC", "middle-east", "ME"),
        Map.of(new ShardRange(256, 511), Set.of("EU")));
  }

  /**
   * This configuration with one more data centre, or with a data centre moved to another region.
   *
   * @throws IllegalArgumentException as the constructor does
   */
  public ResidencyRules withDataCenter(String dc, String region) {
    Map<String, String> regions = new HashMap<>(regionOfDc);
    regions.put(dc, region);
    return new ResidencyRules(regions, allowedRegions);
  }

  /**
   * The region a data centre lies in.
   *
   * @throws IllegalArgumentException if the data centre has no region
   */
  public String regionOf(String dc) {
    String region = regionOfDc.get(dc);
    if (region == null) {
      throw new IllegalArgumentException(
          "Data centre " + dc + " has no region in the residency rules");
    }
    return region;
  }

  /** The regions a shard is restricted to, sorted; empty if it may be stored anywhere. */
  public Optional<SortedSet<String>> allowedRegions(int shard) {
    Shards.requireValid(shard);
    return allowedRegions.entrySet().stream()
        .filter(rule -> rule.getKey().contains(shard))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /**
   * Whether a replica of the shard may be stored in the data centre.
   *
   * @throws IllegalArgumentException if the data centre has no region
   */
  public boolean allows(int shard, String dc) {
    String region = regionOf(dc);
    return allowedRegions(shard).map(allowed -> allowed.contains(region)).orElse(true);
  }
}
