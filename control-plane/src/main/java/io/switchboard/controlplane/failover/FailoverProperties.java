package io.switchboard.controlplane.failover;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Automatic failover ({@code switchboard.failover}). Detection itself is the health checks' ({@code
 * switchboard.health}: interval, timeout, failure threshold).
 *
 * @param enabled fail primaries over automatically when their node is declared DOWN
 * @param quietWindow a shard failed over automatically is not failed over again automatically
 *     within this window; an alert is raised instead
 * @param dcIncidentNodes this many nodes of one data centre down at once make a DC incident: no
 *     automatic shard failovers there (the DC failover policy decides)
 * @param retryEvery a node that stays DOWN and still leads shards is evaluated again this often
 */
@Validated
@ConfigurationProperties("switchboard.failover")
public record FailoverProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("60s") @NotNull Duration quietWindow,
    @DefaultValue("2") @Min(1) int dcIncidentNodes,
    @DefaultValue("30s") @NotNull Duration retryEvery) {}
