package io.switchboard.runtime.node.admin;

import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.node.gateway.GatewaySessionHandler;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.Ping;

/** Moves real gateway counters by driving a real session handler. */
final class TrafficGenerator {

  private TrafficGenerator() {}

  /**
   * Opens one connection that sends a ping before the handshake: one frame received, one
   * HANDSHAKE_REQUIRED error sent, connection closed.
   */
  static void pingWithoutHandshake(GatewayTraffic traffic) {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new GatewaySessionHandler(
                new GatewaySession(new GatewayParameters("am-1", "americas", 64, 60)), traffic));
    channel.writeInbound(
        ClientFrame.newBuilder().setRequestId(1).setPing(Ping.getDefaultInstance()).build());
    channel.finishAndReleaseAll();
  }
}
