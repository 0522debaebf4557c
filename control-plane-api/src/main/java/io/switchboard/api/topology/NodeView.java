package io.switchboard.api.topology;

import java.time.Instant;
import java.util.Set;

/**
 * One runtime node as the control plane sees it.
 *
 * @param id stable node id, unique in the cluster (for example {@code eu-2})
 * @param dc id of the data centre the node lives in
 * @param roles what the node does
 * @param gatewayAddress {@code host:port} of the client gateway, or {@code null} without that role
 * @param adminAddress {@code host:port} of the admin endpoint (health, stats, metrics)
 * @param health last observed health
 * @param healthSince when the node entered its current health
 * @param lastError why the last check failed, or {@code null} when it succeeded
 */
public record NodeView(
    String id,
    String dc,
    Set<NodeRole> roles,
    String gatewayAddress,
    String adminAddress,
    NodeHealth health,
    Instant healthSince,
    String lastError) {}
