package io.switchboard.controlplane.topology;

import io.switchboard.api.topology.NodeHealth;
import java.time.Instant;

/** Published (as a Spring application event) whenever a node's observed health changes. */
public record NodeHealthChanged(
    String nodeId, String dc, NodeHealth from, NodeHealth to, Instant at, String error) {}
