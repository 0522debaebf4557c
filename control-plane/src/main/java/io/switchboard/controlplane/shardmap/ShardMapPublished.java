package io.switchboard.controlplane.shardmap;

/**
 * Application event: the control plane published shard map {@code version} to the nodes.
 *
 * @param version the new map's version
 */
public record ShardMapPublished(long version) {}
