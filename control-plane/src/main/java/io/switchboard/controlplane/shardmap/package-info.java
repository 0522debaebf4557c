/**
 * The shard map as the control plane acts on it: {@link
 * io.switchboard.controlplane.shardmap.ReplicaControl} reads it and moves primaries with the nodes'
 * admin commands. Operations ({@code operation}) use it; the embedded cluster or the attachment to
 * node processes ({@code remote}) provides it. {@link
 * io.switchboard.controlplane.shardmap.ShardMapStore} keeps every published map (desired state),
 * and the reconciler installs the desired map on nodes that drift from it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shard map")
package io.switchboard.controlplane.shardmap;
