/**
 * Topology: the data centres and runtime nodes of the cluster, their addresses and their observed
 * health. Nodes are registered by whoever launches them (the embedded cluster on the default
 * profile); health comes from periodic checks of every node's admin endpoint. Health changes are
 * persisted and published to live subscribers (the console) as fresh {@code TopologyView}s.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Topology")
package io.switchboard.controlplane.topology;
