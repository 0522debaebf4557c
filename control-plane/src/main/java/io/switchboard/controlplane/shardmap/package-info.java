/**
 * The shard map as the control plane acts on it: {@link
 * io.switchboard.controlplane.shardmap.ReplicaControl} reads it and moves primaries with the nodes'
 * admin commands. Operations ({@code operation}) use it; the embedded cluster provides it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shard map")
package io.switchboard.controlplane.shardmap;
