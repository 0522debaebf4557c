package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.protocol.Peer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that reconnects by the gateway directory: configured with one gateway only, it follows
 * the directory to a gateway it was never given when its own dies.
 */
class GatewayDirectoryIT {

  @RegisterExtension final TwelveNodeCluster nodes = TwelveNodeCluster.perTest();

  @Test
  void aLostGatewayIsReplacedByOneTheDirectoryListsNow() throws Exception {
    GatewayAddress europe1 = gateway("europe-1");
    GatewayAddress asia2 = gateway("asia-2");
    AtomicReference<List<GatewayAddress>> directory = new AtomicReference<>(List.of(europe1));
    try (GatewayClient client =
        GatewayClient.connect(
            GatewayClientConfig.of("directory-it", List.of(europe1))
                .withDirectory(directory::get)
                .withRetry(new RetryPolicy(60, Duration.ofMillis(50), Duration.ofMillis(500))))) {
      long user = client.register("Ada", "asia").get(10, TimeUnit.SECONDS).getUserId();
      Peer self = Peer.newBuilder().setUserId(user).build();
      client.send(self, "through europe-1").get(10, TimeUnit.SECONDS);

      directory.set(List.of(asia2));
      nodes.cluster().kill("europe-1");

      client.send(self, "through asia-2").get(30, TimeUnit.SECONDS);
      assertThat(
              client.getDifference(0, 10).get(10, TimeUnit.SECONDS).getUpdatesList().stream()
                  .map(update -> update.getNewMessage().getText())
                  .toList())
          .containsExactly("through europe-1", "through asia-2");
    }
  }

  private GatewayAddress gateway(String nodeId) {
    NodeConfig node =
        nodes.cluster().nodes().stream()
            .filter(n -> n.nodeId().equals(nodeId))
            .findFirst()
            .orElseThrow();
    return new GatewayAddress(node.host(), node.gatewayPort());
  }
}
