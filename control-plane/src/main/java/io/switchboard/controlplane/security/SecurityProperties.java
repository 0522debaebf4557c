package io.switchboard.controlplane.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings ({@code switchboard.security}).
 *
 * @param tokenTtl how long an issued API token stays valid
 */
@Validated
@ConfigurationProperties("switchboard.security")
public record SecurityProperties(@DefaultValue("30d") @NotNull Duration tokenTtl) {}
