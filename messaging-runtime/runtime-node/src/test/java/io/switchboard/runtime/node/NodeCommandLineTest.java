package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeCommandLineTest {

  @Test
  void parsesEveryOption() {
    NodeConfig config =
        NodeCommandLine.parse(
            "--node-id", "am-1",
            "--dc", "americas",
            "--roles", "gateway,store",
            "--host", "0.0.0.0",
            "--gateway-port", "7100",
            "--admin-port", "7200",
            "--data-dir", "./var/am-1",
            "--max-frame-bytes", "4096",
            "--idle-timeout-seconds", "15",
            "--handshake-timeout-seconds", "5",
            "--write-buffer-low-bytes", "1000",
            "--write-buffer-high-bytes", "2000",
            "--max-outbound-bytes", "8000",
            "--slow-consumer-grace-seconds", "3",
            "--peer-port", "7300");

    assertThat(config)
        .isEqualTo(
            new NodeConfig(
                "am-1",
                "americas",
                Set.of(NodeRole.GATEWAY, NodeRole.STORE),
                "0.0.0.0",
                7100,
                7200,
                Path.of("./var/am-1"),
                4096,
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                new OutboundLimits(1000, 2000, 8000, Duration.ofSeconds(3)),
                7300));
  }

  @Test
  void appliesDefaultsToOptionalOptions() {
    NodeConfig config =
        NodeCommandLine.parse("--data-dir", "d", "--dc", "europe", "--node-id", "eu-1");

    assertThat(config)
        .isEqualTo(
            NodeConfig.of(
                "eu-1", "europe", Set.of(NodeRole.GATEWAY, NodeRole.STORE), Path.of("d")));
  }

  @Test
  void rolesAreCaseInsensitiveAndMayHaveSpaces() {
    NodeConfig config =
        NodeCommandLine.parse(
            "--node-id", "as-1", "--dc", "asia", "--data-dir", "d", "--roles", "STORE, Gateway");

    assertThat(config.roles()).containsExactly(NodeRole.GATEWAY, NodeRole.STORE);
  }

  @Test
  void explainsEveryKindOfMistake() {
    assertThatThrownBy(() -> NodeCommandLine.parse("--node-id", "a", "--dc", "b"))
        .hasMessage("--data-dir is required");
    assertThatThrownBy(() -> NodeCommandLine.parse("--node-id"))
        .hasMessage("--node-id needs a value");
    assertThatThrownBy(() -> NodeCommandLine.parse("--port", "1"))
        .hasMessage("unknown option: --port");
    assertThatThrownBy(() -> NodeCommandLine.parse("--dc", "a", "--dc", "b"))
        .hasMessage("--dc given more than once");
    assertThatThrownBy(() -> parseWith("--admin-port", "http"))
        .hasMessage("--admin-port must be an integer: http");
    assertThatThrownBy(() -> parseWith("--roles", "gateway,router"))
        .hasMessage("unknown role 'router'; roles are [gateway, store]");
    assertThatThrownBy(() -> parseWith("--roles", "")).hasMessageContaining("unknown role ''");
    assertThatThrownBy(() -> parseWith("--gateway-port", "70000"))
        .hasMessageContaining("gatewayPort must be between 0 and 65535");
    assertThatThrownBy(() -> parseWith("--handshake-timeout-seconds", "0"))
        .hasMessageContaining("handshakeTimeout must be positive");
    assertThatThrownBy(() -> parseWith("--write-buffer-high-bytes", "1000"))
        .hasMessageContaining("0 < low < high");
    assertThatThrownBy(() -> parseWith("--max-outbound-bytes", "1000"))
        .hasMessageContaining("maxOutboundBytes must be at least the high-water mark");
    assertThatThrownBy(() -> parseWith("--slow-consumer-grace-seconds", "0"))
        .hasMessageContaining("slowConsumerGrace must be positive");
  }

  @Test
  void withoutClusterTheNodeIsStandalone() {
    NodeCommandLine.Command command =
        NodeCommandLine.parseCommand("--node-id", "am-1", "--dc", "americas", "--data-dir", "d");

    assertThat(command.clusterFile()).isEmpty();
    assertThat(command.placement()).isEqualTo(ClusterPlacement.SINGLE);
    assertThat(command.config())
        .isEqualTo(
            NodeCommandLine.parse("--node-id", "am-1", "--dc", "americas", "--data-dir", "d"));
  }

  @Test
  void parsesTheClusterFileAndPlacement() {
    NodeCommandLine.Command command =
        NodeCommandLine.parseCommand(
            "--node-id", "am-1",
            "--dc", "americas",
            "--data-dir", "d",
            "--cluster", "cluster.txt",
            "--placement", "Balanced",
            "--idle-timeout-seconds", "15");

    assertThat(command.clusterFile()).contains(Path.of("cluster.txt"));
    assertThat(command.placement()).isEqualTo(ClusterPlacement.BALANCED);
    assertThat(command.config().idleTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(
            NodeCommandLine.parseCommand(
                    "--node-id", "am-1", "--dc", "americas", "--data-dir", "d", "--cluster", "f")
                .placement())
        .isEqualTo(ClusterPlacement.SINGLE);
  }

  @Test
  void explainsClusterMistakes() {
    assertThatThrownBy(() -> parseWith("--placement", "balanced"))
        .hasMessage("--placement needs --cluster");
    assertThatThrownBy(
            () ->
                NodeCommandLine.parseCommand(
                    "--node-id",
                    "am-1",
                    "--dc",
                    "americas",
                    "--data-dir",
                    "d",
                    "--cluster",
                    "f",
                    "--placement",
                    "ring"))
        .hasMessage("unknown placement 'ring'; placements are single, balanced");
    for (String option :
        List.of("--roles", "--host", "--gateway-port", "--admin-port", "--peer-port")) {
      assertThatThrownBy(
              () ->
                  NodeCommandLine.parseCommand(
                      "--node-id",
                      "am-1",
                      "--dc",
                      "americas",
                      "--data-dir",
                      "d",
                      "--cluster",
                      "f",
                      option,
                      "store"))
          .hasMessage(option + " cannot be combined with --cluster: the cluster file sets it");
    }
  }

  @Test
  void theUsageNamesEveryOption() {
    assertThat(NodeCommandLine.USAGE)
        .contains("--node-id", "--dc", "--data-dir", "--roles", "--host", "--gateway-port")
        .contains("--admin-port", "--max-frame-bytes", "--idle-timeout-seconds", "--help")
        .contains("--handshake-timeout-seconds", "--write-buffer-low-bytes")
        .contains("--write-buffer-high-bytes", "--max-outbound-bytes")
        .contains("--slow-consumer-grace-seconds", "--cluster", "--placement", "single|balanced");
  }

  private static NodeConfig parseWith(String option, String value) {
    return NodeCommandLine.parse(
        "--node-id", "am-1", "--dc", "americas", "--data-dir", "d", option, value);
  }
}
