package io.switchboard.api.operation;

import java.util.Map;

/**
 * A request to plan an operation.
 *
 * @param type {@code SHARD_SWITCHOVER} (parameters {@code shard}, optional {@code target}: the
 *     in-DC follower to promote, by default the first follower), {@code NODE_DRAIN} ({@code node})
 *     or {@code NODE_RESTART} ({@code node}; {@code allow-unavailable=true} to restart a node that
 *     is the only running replica of some shards; embedded nodes only)
 * @param parameters the type's parameters
 * @param dryRun plan only: store nothing, start nothing
 */
public record OperationRequest(String type, Map<String, String> parameters, boolean dryRun) {

  public OperationRequest {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
