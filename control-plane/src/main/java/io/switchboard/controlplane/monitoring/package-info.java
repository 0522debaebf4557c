/**
 * The control plane's view of itself, as metrics: whether its own health (database, disk space and
 * the other Spring Boot health indicators) is UP. The cluster's metrics live with the features that
 * own them (topology, shard map, operations).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package io.switchboard.controlplane.monitoring;
