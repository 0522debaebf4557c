package io.switchboard.controlplane.topology;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How nodes are checked ({@code switchboard.health}).
 *
 * @param interval time between two rounds of checks
 * @param timeout how long one check may take before it counts as failed
 * @param failureThreshold consecutive failed checks after which a node is reported DOWN
 */
@Validated
@ConfigurationProperties("switchboard.health")
public record HealthCheckProperties(
    @NotNull Duration interval, @NotNull Duration timeout, @Min(1) int failureThreshold) {}
