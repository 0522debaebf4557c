package io.switchboard.runtime.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResidencyRulesTest {

  private final ResidencyRules defaults = ResidencyRules.defaults();

  @Test
  void defaultsPlaceEachDataCentreInItsRegion() {
    assertThat(defaults.regionOf("americas")).isEqualTo("AMER");
    assertThat(defaults.regionOf("europe")).isEqualTo("EU");
    assertThat(defaults.regionOf("asia")).isEqualTo("APAC");
    assertThat(defaults.regionOf("middle-east")).isEqualTo("ME");
  }

  @Test
  void defaultsKeepEuShardsInEuAndLetOtherShardsGoAnywhere() {
    assertThat(defaults.allowedRegions(256))
        .hasValueSatisfying(regions -> assertThat(regions).containsExactly("EU"));
    assertThat(defaults.allowedRegions(511)).isPresent();
    assertThat(defaults.allows(300, "europe")).isTrue();
    assertThat(defaults.allows(300, "americas")).isFalse();
    assertThat(defaults.allows(300, "asia")).isFalse();

    assertThat(defaults.allowedRegions(255)).isEmpty();
    assertThat(defaults.allowedRegions(512)).isEmpty();
    assertThat(defaults.allows(0, "europe")).isTrue();
    assertThat(defaults.allows(1023, "americas")).isTrue();
  }

  @Test
  void aSecondDataCentreInARegionHoldsThatRegionsShards() {
    ResidencyRules rules = defaults.withDataCenter("europe-2", "EU");

    assertThat(rules.allows(300, "europe-2")).isTrue();
    assertThat(rules.allows(0, "europe-2")).isTrue();
    assertThat(rules.regionOf("europe")).isEqualTo("EU");
    assertThatThrownBy(() -> defaults.regionOf("europe-2")).hasMessageContaining("no region");
  }

  @Test
  void aDataCentreWithoutRegionIsAnErrorNotAllowed() {
    assertThatThrownBy(() -> defaults.allows(0, "mars"))
        .hasMessage("Data centre mars has no region in the residency rules");
  }

  @Test
  void invalidRulesAreRejectedWithTheirReason() {
    Map<String, String> regions = Map.of("a", "EU", "b", "AMER");

    assertThatThrownBy(() -> new ResidencyRules(Map.of("a", " "), Map.of()))
        .hasMessage("Data centre a has a blank region");
    assertThatThrownBy(() -> new ResidencyRules(regions, Map.of(new ShardRange(0, 9), Set.of())))
        .hasMessage("Residency rule for shards 0..9 allows no region");
    assertThatThrownBy(
            () -> new ResidencyRules(regions, Map.of(new ShardRange(0, 9), Set.of("Eu"))))
        .hasMessage(
            "Residency rule for shards 0..9 allows region Eu, which no data centre lies in;"
                + " regions: [AMER, EU]");
    Map<ShardRange, Set<String>> overlapping = new LinkedHashMap<>();
    overlapping.put(new ShardRange(0, 300), Set.of("AMER"));
    overlapping.put(new ShardRange(256, 511), Set.of("EU"));
    assertThatThrownBy(() -> new ResidencyRules(regions, overlapping))
        .hasMessage("Residency rules for shards 0..300 and 256..511 overlap");
  }
}
