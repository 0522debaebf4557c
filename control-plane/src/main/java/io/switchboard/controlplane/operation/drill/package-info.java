/**
 * Failover drills: a {@code DRILL} operation starts synthetic traffic with a client-side checker on
 * the shards a node leads, kills the node, times the automatic failover from the fault to the first
 * successful write, checks that no acknowledged write is lost, restores the node and checks that
 * its old epoch is fenced, then stores a report with a verdict per objective ({@code
 * /api/v1/drills}).
 */
package io.switchboard.controlplane.operation.drill;
