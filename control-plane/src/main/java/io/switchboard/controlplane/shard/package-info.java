/**
 * The shard map as people read it ({@code /api/v1/shards}): every shard's replica set, one shard's
 * replicas with their live progress and lag and the operations that acted on it, and the drift
 * between the map the control plane published and the maps the nodes serve.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shards")
package io.switchboard.controlplane.shard;
