package io.switchboard.controlplane.shardmap;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconciliation of the nodes' shard maps with the desired one ({@code
 * switchboard.reconciliation}).
 *
 * @param interval time between two passes
 * @param callTimeout how long a node may take to answer one call of a pass
 */
@Validated
@ConfigurationProperties("switchboard.reconciliation")
public record ReconciliationProperties(
    @DefaultValue("2s") @NotNull Duration interval,
    @DefaultValue("1s") @NotNull Duration callTimeout) {}
