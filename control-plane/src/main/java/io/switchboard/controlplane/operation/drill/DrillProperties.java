package io.switchboard.controlplane.operation.drill;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Failover drills ({@code switchboard.drills}).
 *
 * @param failoverObjective the first successful write after the fault must come sooner than this
 * @param rpoInDcMessages at most this many acknowledged writes may be lost by an in-DC failover
 * @param rpoCrossDc a DC failover may lose only writes acknowledged less than this before the fault
 * @param recoveryTimeout how long a drill waits for the failover before it fails
 * @param writers synthetic users writing to the node's shards during the drill
 * @param partitionFor how long a partition drill cuts its node off the network: long enough for the
 *     failover and the write through the old primary, which the drill tries while it lasts
 */
@Validated
@ConfigurationProperties("switchboard.drills")
public record DrillProperties(
    @DefaultValue("15s") @NotNull Duration failoverObjective,
    @DefaultValue("0") @Min(0) long rpoInDcMessages,
    @DefaultValue("5s") @NotNull Duration rpoCrossDc,
    @DefaultValue("60s") @NotNull Duration recoveryTimeout,
    @DefaultValue("2") @Min(1) int writers,
    @DefaultValue("20s") @NotNull Duration partitionFor) {}
