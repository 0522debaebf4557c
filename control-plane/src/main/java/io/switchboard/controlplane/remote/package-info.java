/**
 * Attaching the control plane to a cluster of node processes that run on their own (the production
 * shape): the nodes are listed in the cluster file they were started with, the control plane
 * reaches them over their peer ports with the admin commands and owns their shard map from then on.
 * The alternative to the embedded cluster; the two never run together.
 */
package io.switchboard.controlplane.remote;
