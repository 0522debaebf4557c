/**
 * Faults a node injects into itself when told to, for drills: {@link
 * io.switchboard.runtime.node.fault.NetworkPartition}.
 */
package io.switchboard.runtime.node.fault;
