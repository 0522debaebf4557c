package io.switchboard.runtime.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import java.util.concurrent.TimeUnit;

/**
 * Assembles the pipeline of every gateway connection; no other code adds gateway handlers.
 *
 * <pre>
 *   inbound  → idle-state → idle-closer → frame-decoder → session
 *   outbound ← idle-state ← frame-encoder ← session
 * </pre>
 *
 * <ol>
 *   <li>{@code idle-state}: an {@link IdleStateHandler} raising READER_IDLE after {@link
 *       GatewayParameters#idleTimeoutSeconds()} without inbound bytes;
 *   <li>{@code idle-closer}: {@link IdleConnectionCloser} closes the connection on that event;
 *   <li>{@code frame-encoder}: {@link ServerFrameEncoder};
 *   <li>{@code frame-decoder}: {@link ClientFrameDecoder} limited to {@link
 *       GatewayParameters#maxFrameBytes()};
 *   <li>{@code session}: {@link GatewaySessionHandler} with a fresh {@link GatewaySession}.
 * </ol>
 */
public final class GatewayChannelInitializer extends ChannelInitializer<Channel> {

  private static final IdleConnectionCloser IDLE_CLOSER = new IdleConnectionCloser();
  private static final ServerFrameEncoder FRAME_ENCODER = new ServerFrameEncoder();

  private final GatewayParameters parameters;
  private final GatewayTraffic traffic;

  public GatewayChannelInitializer(GatewayParameters parameters, GatewayTraffic traffic) {
    this.parameters = parameters;
    this.traffic = traffic;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel
        .pipeline()
        .addLast(
            "idle-state",
            new IdleStateHandler(parameters.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS))
        .addLast("idle-closer", IDLE_CLOSER)
        .addLast("frame-encoder", FRAME_ENCODER)
        .addLast("frame-decoder", new ClientFrameDecoder(parameters.maxFrameBytes()))
        .addLast("session", new GatewaySessionHandler(new GatewaySession(parameters), traffic));
  }
}
