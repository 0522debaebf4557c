package io.switchboard.controlplane.shard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.shard.ShardView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints of {@link ShardApi}; also what the console's shard map calls. */
@RestController
@Tag(name = "Shards", description = "The shard map: replicas, primaries, epochs, lag, drift")
class ShardController implements ShardApi {

  private final ShardQueries queries;

  ShardController(ShardQueries queries) {
    this.queries = queries;
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "Every shard's replica set in the newest map, and the drift of the nodes")
  public ShardMapView shards() {
    return queries.map();
  }

  @Override
  @PreAuthorize("hasRole('VIEWER')")
  @Operation(summary = "One shard: replicas with live progress and lag, and its operations")
  public ShardView shard(int shard) {
    return queries.shard(shard);
  }
}
