package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

  private static final Path DATA = Path.of("var", "am-1");

  @Test
  void theFactoryAppliesTheDefaults() {
    NodeConfig config = NodeConfig.of("am-1", "americas", Set.of(NodeRole.GATEWAY), DATA);

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.gatewayPort()).isZero();
    assertThat(config.adminPort()).isZero();
    assertThat(config.maxFrameBytes()).isEqualTo(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.outboundLimits())
        .isEqualTo(
            new OutboundLimits(256 * 1024, 1024 * 1024, 4 * 1024 * 1024, Duration.ofSeconds(10)));
    assertThat(config.identity().nodeId()).isEqualTo("am-1");
    assertThat(config.identity().dc()).isEqualTo("americas");
  }

  @Test
  void rolesAreAnUnmodifiableCopyInEnumOrder() {
    Set<NodeRole> roles = EnumSet.of(NodeRole.STORE, NodeRole.GATEWAY);
    NodeConfig config = NodeConfig.of("am-1", "americas", roles, DATA);

    roles.remove(NodeRole.STORE);

    assertThat(config.roles()).containsExactly(NodeRole.GATEWAY, NodeRole.STORE);
    assertThat(config.hasRole(NodeRole.STORE)).isTrue();
    assertThatThrownBy(() -> config.roles().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withPortsChangesOnlyThePorts() {
    NodeConfig config = NodeConfig.of("am-1", "americas", Set.of(NodeRole.STORE), DATA);

    NodeConfig moved = config.withPorts(7100, 7200);

    assertThat(moved.gatewayPort()).isEqualTo(7100);
    assertThat(moved.adminPort()).isEqualTo(7200);
    assertThat(moved.withPorts(0, 0)).isEqualTo(config);
  }

  @Test
  void theConstructorWithoutGatewayDeadlinesAndLimitsAppliesTheirDefaults() {
    NodeConfig config =
        new NodeConfig(
            "am-1",
            "americas",
            Set.of(NodeRole.GATEWAY),
            "localhost",
            7100,
            7200,
            DATA,
            4096,
            Duration.ofSeconds(30));

    assertThat(config.handshakeTimeout()).isEqualTo(NodeConfig.DEFAULT_HANDSHAKE_TIMEOUT);
    assertThat(config.outboundLimits()).isEqualTo(OutboundLimits.DEFAULT);
    assertThat(config.maxFrameBytes()).isEqualTo(4096);
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void withersChangeOnlyTheirValueAndKeepTheOthers() {
    NodeConfig config = NodeConfig.of("am-1", "americas", Set.of(NodeRole.GATEWAY), DATA);
    OutboundLimits small = new OutboundLimits(1, 2, 3, Duration.ofMillis(5));

    NodeConfig changed =
        config.withHandshakeTimeout(Duration.ofMillis(250)).withOutboundLimits(small);

    assertThat(changed.handshakeTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(changed.outboundLimits()).isEqualTo(small);
    assertThat(changed.withPorts(7100, 7200).outboundLimits()).isEqualTo(small);
    assertThat(changed.withPorts(7100, 7200).handshakeTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(
            changed
                .withHandshakeTimeout(NodeConfig.DEFAULT_HANDSHAKE_TIMEOUT)
                .withOutboundLimits(OutboundLimits.DEFAULT))
        .isEqualTo(config);
  }

  @Test
  void refusesInvalidValues() {
    assertThatThrownBy(() -> NodeConfig.of("am-1", "americas", Set.of(), DATA))
        .hasMessageContaining("at least one role");
    assertThatThrownBy(() -> NodeConfig.of("am 1", "americas", Set.of(NodeRole.STORE), DATA))
        .hasMessageContaining("nodeId");
    assertThatThrownBy(() -> config(" ", 0, 0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("host");
    assertThatThrownBy(() -> config("localhost", 65_536, 0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("gatewayPort");
    assertThatThrownBy(() -> config("localhost", 0, -1, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("adminPort");
    assertThatThrownBy(() -> config("localhost", 0, 0, 0, Duration.ofSeconds(1)))
        .hasMessageContaining("maxFrameBytes");
    assertThatThrownBy(() -> config("localhost", 0, 0, 1, Duration.ZERO))
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> config("localhost", 0, 0, 1, Duration.ofMillis(1500)))
        .hasMessageContaining("whole number of seconds");
    NodeConfig valid = NodeConfig.of("am-1", "americas", Set.of(NodeRole.GATEWAY), DATA);
    assertThatThrownBy(() -> valid.withHandshakeTimeout(Duration.ZERO))
        .hasMessageContaining("handshakeTimeout must be positive");
    assertThatThrownBy(() -> valid.withHandshakeTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("handshakeTimeout must be positive");
    assertThatThrownBy(() -> valid.withOutboundLimits(null)).hasMessageContaining("outboundLimits");
  }

  private static NodeConfig config(
      String host, int gatewayPort, int adminPort, int maxFrameBytes, Duration idleTimeout) {
    return new NodeConfig(
        "am-1",
        "americas",
        Set.of(NodeRole.GATEWAY),
        host,
        gatewayPort,
        adminPort,
        DATA,
        maxFrameBytes,
        idleTimeout);
  }
}
