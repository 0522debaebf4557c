/**
 * Automatic failover: when the health checks declare a node DOWN, the primaries it led are failed
 * over to in-DC followers by a {@code PRIMARY_FAILOVER} operation (which first has a second monitor
 * confirm the node is unreachable), unless safety says otherwise: a data centre with several nodes
 * down is a DC incident (an alert, not hundreds of shard failovers), and a shard failed over
 * automatically within the quiet window is not failed over again (an alert instead).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Automatic failover")
package io.switchboard.controlplane.failover;
