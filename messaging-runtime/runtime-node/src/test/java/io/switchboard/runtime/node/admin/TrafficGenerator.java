package io.switchboard.runtime.node.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.node.gateway.GatewaySessionHandler;
import io.switchboard.runtime.node.gateway.GatewayTraffic;
import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.node.gateway.SessionRegistry;
import io.switchboard.runtime.node.gateway.SlowConsumerGuard;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.OperationDispatcher;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import java.time.Duration;

/** Moves real gateway counters by driving real gateway handlers. */
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
                new GatewaySession(new GatewayParameters("am-1", "americas", 64, 60)),
                Duration.ofSeconds(10),
                traffic,
                new OperationDispatcher(
                    new UnavailableMessagingEndpoint(), (operation, failure) -> {}),
                new SessionRegistry(),
                GatewaySessionHandler.MAX_OPERATIONS_IN_FLIGHT));
    channel.writeInbound(
        ClientFrame.newBuilder().setRequestId(1).setPing(Ping.getDefaultInstance()).build());
    channel.finishAndReleaseAll();
  }

  /**
   * Opens one connection whose unsent output exceeds the hard cap: one slow-consumer disconnect.
   */
  static void slowConsumer(GatewayTraffic traffic) {
    OutboundLimits limits = new OutboundLimits(8, 16, 32, Duration.ofSeconds(1));
    EmbeddedChannel channel = new EmbeddedChannel(new SlowConsumerGuard(limits, traffic));
    channel.config().setWriteBufferWaterMark(limits.waterMark());
    channel.write(Unpooled.wrappedBuffer(new byte[64]));
    channel.finishAndReleaseAll();
  }
}
