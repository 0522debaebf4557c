package io.switchboard.controlplane.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded cluster ({@code switchboard.embedded}).
 *
 * @param enabled launch the local cluster (the default); off when nodes run elsewhere
 * @param nodesPerDc runtime nodes per configured data centre
 * @param host loopback address the nodes listen on
 * @param gatewayBasePort node {@code i} (0-based over all DCs) serves clients on base + i; 0 picks
 *     free ports at first start (kept across restarts of that node)
 * @param adminBasePort same for the admin endpoint
 * @param peerBasePort same for the peer port, where nodes forward requests and deliveries
 * @param maxFrameBytes largest client frame body a gateway accepts
 * @param idleTimeout gateways close client connections silent for longer than this
 */
@Validated
@ConfigurationProperties("switchboard.embedded")
public record EmbeddedClusterProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("3") @Min(1) @Max(16) int nodesPerDc,
    @DefaultValue("127.0.0.1") @NotBlank String host,
    @DefaultValue("0") @Min(0) @Max(65535) int gatewayBasePort,
    @DefaultValue("0") @Min(0) @Max(65535) int adminBasePort,
    @DefaultValue("0") @Min(0) @Max(65535) int peerBasePort,
    @DefaultValue("1048576") @Min(1024) int maxFrameBytes,
    @DefaultValue("60s") @NotNull Duration idleTimeout) {

  int gatewayPort(int index) {
    return gatewayBasePort == 0 ? 0 : gatewayBasePort + index;
  }

  int adminPort(int index) {
    return adminBasePort == 0 ? 0 : adminBasePort + index;
  }

  int peerPort(int index) {
    return peerBasePort == 0 ? 0 : peerBasePort + index;
  }
}
