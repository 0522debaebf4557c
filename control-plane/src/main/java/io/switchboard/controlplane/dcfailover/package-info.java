/**
 * Data centre failover (ADR 0013). A {@code DC_FAILOVER} operation removes a data centre from the
 * gateway endpoint directory ({@link GatewayDirectory}), records per shard the data at risk (the
 * last sampled lag of its asynchronous replica, {@link CrossDcLagSampler}) and promotes the
 * asynchronous replicas of the DC's shards in other DCs. A {@code DC_SWITCHBACK} waits until the
 * returned DC's replicas have caught up, gives them the lead back, and restores the directory.
 * Reports: {@code /api/v1/dc-failovers/{id}}; the directory: {@code /api/v1/gateways}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "DC failover")
package io.switchboard.controlplane.dcfailover;
