package io.switchboard.controlplane;

import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Real gateway clients of the embedded cluster, for tests that write and read messages. */
public final class MessagingClients {

  private MessagingClients() {}

  /**
   * A client of the gateways of data centre {@code dc}, as the topology lists them.
   *
   * @param configure adjusts the configuration (retries, say)
   */
  public static GatewayClient connect(
      TopologyApi topology, String dc, String name, UnaryOperator<GatewayClientConfig> configure)
      throws Exception {
    List<GatewayAddress> gateways = new ArrayList<>();
    for (NodeView node :
        topology.topology().dataCenters().stream()
            .filter(d -> d.id().equals(dc))
            .flatMap(d -> d.nodes().stream())
            .toList()) {
      String[] hostPort = node.gatewayAddress().split(":");
      gateways.add(new GatewayAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    }
    return GatewayClient.connect(configure.apply(GatewayClientConfig.of(name, gateways)));
  }

  /** The texts of every message in the client's mailbox, in pts order. */
  public static List<String> texts(GatewayClient client) throws Exception {
    List<String> texts = new ArrayList<>();
    long pts = 0;
    while (true) {
      var page = client.getDifference(pts, 100).get(30, TimeUnit.SECONDS);
      if (page.getUpdatesCount() == 0) {
        return texts;
      }
      for (MailboxUpdate update : page.getUpdatesList()) {
        pts = update.getPts();
        if (update.hasNewMessage()) {
          texts.add(update.getNewMessage().getText());
        }
      }
    }
  }

  /** The peer that is the user itself: a note to self. */
  public static Peer self(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }
}
