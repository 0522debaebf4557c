/**
 * The primary failover operation: after a node failed, a second monitor in its data centre confirms
 * it is unreachable, then each shard it led gets its most up-to-date in-DC voter promoted at the
 * next epoch (a majority fenced first) and the new map is published. Started by automatic failover
 * ({@code failover}) or by hand.
 */
package io.switchboard.controlplane.operation.failover;
