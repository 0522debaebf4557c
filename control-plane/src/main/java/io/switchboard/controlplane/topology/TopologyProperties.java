package io.switchboard.controlplane.topology;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The configured data centres ({@code switchboard.topology.data-centers}), in display order. Each
 * DC is the home of one contiguous shard range; ranges must not overlap.
 */
@Validated
@ConfigurationProperties("switchboard.topology")
public record TopologyProperties(@NotEmpty @Valid List<DataCenterSpec> dataCenters) {

  public TopologyProperties {
    dataCenters = List.copyOf(dataCenters);
    for (int i = 0; i < dataCenters.size(); i++) {
      for (int j = i + 1; j < dataCenters.size(); j++) {
        DataCenterSpec a = dataCenters.get(i);
        DataCenterSpec b = dataCenters.get(j);
        if (a.id().equals(b.id())) {
          throw new IllegalArgumentException("Data centre id '" + a.id() + "' is configured twice");
        }
        if (a.firstShard() <= b.lastShard() && b.firstShard() <= a.lastShard()) {
          throw new IllegalArgumentException(
              "Shard ranges of data centres '" + a.id() + "' and '" + b.id() + "' overlap");
        }
      }
    }
  }

  /** One configured data centre. */
  public record DataCenterSpec(
      @NotBlank String id,
      @NotBlank String name,
      @NotBlank String region,
      @Min(0) int firstShard,
      @Min(0) int lastShard) {

    public DataCenterSpec {
      if (lastShard < firstShard) {
        throw new IllegalArgumentException(
            "Data centre '" + id + "': last shard " + lastShard + " < first shard " + firstShard);
      }
    }
  }
}
