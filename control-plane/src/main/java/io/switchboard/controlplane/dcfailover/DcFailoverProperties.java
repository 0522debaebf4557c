package io.switchboard.controlplane.dcfailover;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Data centre failover ({@code switchboard.failover.dc}).
 *
 * @param automatic whether the control plane starts a DC failover by itself when a trigger fires;
 *     the only way a cross-DC replica is ever promoted without an operator
 * @param unreachableAfter trigger: every node of a DC DOWN for longer than this
 * @param errorRate trigger: more than this fraction of a DC's client requests answered with an
 *     error over one sampling window
 * @param errorRateMinRequests the error rate counts only over windows with at least this many
 *     requests
 * @param lagSampleEvery how often the cross-DC replicas' lag (the data at risk) and the DCs' error
 *     rates are sampled
 * @param rejoinTimeout how long a switchback waits for the returned DC's replicas to catch up
 * @param rejoinMaxLag a returned replica counts as caught up once at most this many entries behind
 */
@Validated
@ConfigurationProperties("switchboard.failover.dc")
public record DcFailoverProperties(
    @DefaultValue("true") boolean automatic,
    @DefaultValue("30s") @NotNull Duration unreachableAfter,
    @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double errorRate,
    @DefaultValue("200") @Min(1) long errorRateMinRequests,
    @DefaultValue("5s") @NotNull Duration lagSampleEvery,
    @DefaultValue("5m") @NotNull Duration rejoinTimeout,
    @DefaultValue("100") @Min(0) long rejoinMaxLag) {}
