package io.switchboard.runtime.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.runtime.node.wire.LengthPrefixedEncoder;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.OperationDispatcher;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles every gateway connection: its write buffer water marks and its pipeline; no other code
 * adds gateway handlers.
 *
 * <pre>
 *   inbound  → byte-counter → idle-state → idle-closer → slow-consumer → frame-decoder → session
 *   outbound ← byte-counter ← idle-state ← slow-consumer ← frame-encoder ← session
 * </pre>
 *
 * <ol>
 *   <li>The channel's write buffer water marks are those of the {@link OutboundLimits}.
 *   <li>{@code byte-counter}: {@link ByteCounter} counting the bytes in and out in the node's
 *       {@link GatewayTraffic};
 *   <li>{@code idle-state}: an {@link IdleStateHandler} raising READER_IDLE after {@link
 *       GatewayParameters#idleTimeoutSeconds()} without inbound bytes;
 *   <li>{@code idle-closer}: {@link IdleConnectionCloser} closes the connection on that event;
 *   <li>{@code slow-consumer}: {@link SlowConsumerGuard} enforcing the {@link OutboundLimits};
 *   <li>{@code frame-encoder}: {@link LengthPrefixedEncoder};
 *   <li>{@code frame-decoder}: {@link ClientFrameDecoder} limited to {@link
 *       GatewayParameters#maxFrameBytes()};
 *   <li>{@code session}: {@link GatewaySessionHandler} with a fresh {@link GatewaySession}, the
 *       handshake timeout, the gateway's {@link OperationDispatcher} (over the messaging endpoint,
 *       logging unexpected failures) and {@link SessionRegistry}, and {@link
 *       GatewaySessionHandler#MAX_OPERATIONS_IN_FLIGHT}.
 * </ol>
 */
public final class GatewayChannelInitializer extends ChannelInitializer<Channel> {

  private static final Logger log = LoggerFactory.getLogger(GatewayChannelInitializer.class);
  private static final IdleConnectionCloser IDLE_CLOSER = new IdleConnectionCloser();
  private static final LengthPrefixedEncoder FRAME_ENCODER = new LengthPrefixedEncoder();

  /** At most this many flushes of a connection are merged into one write. */
  private static final int FLUSHES_PER_WRITE = 64;

  private final GatewayParameters parameters;
  private final Duration handshakeTimeout;
  private final OutboundLimits outboundLimits;
  private final GatewayTraffic traffic;
  private final ByteCounter byteCounter;
  private final OperationDispatcher operations;
  private final SessionRegistry sessions;

  /**
   * @param parameters what the gateway announces in the handshake, including its limits
   * @param handshakeTimeout how long a new connection has to complete its handshake
   * @param outboundLimits how much unsent output a connection may hold
   * @param traffic the node's counters, shared by all connections
   * @param messaging carries out the operations of every connection
   * @param sessions the gateway's authenticated sessions, which {@code messaging} publishes to
   */
  public GatewayChannelInitializer(
      GatewayParameters parameters,
      Duration handshakeTimeout,
      OutboundLimits outboundLimits,
      GatewayTraffic traffic,
      MessagingEndpoint messaging,
      SessionRegistry sessions) {
    this.parameters = parameters;
    this.handshakeTimeout = handshakeTimeout;
    this.outboundLimits = outboundLimits;
    this.traffic = traffic;
    this.byteCounter = new ByteCounter(traffic);
    this.operations =
        new OperationDispatcher(
            messaging,
            (operation, failure) ->
                log.warn(
                    "{} (request {}) failed unexpectedly; answered INTERNAL",
                    operation.request().getBodyCase(),
                    operation.requestId(),
                    failure));
    this.sessions = sessions;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.config().setWriteBufferWaterMark(outboundLimits.waterMark());
    channel
        .pipeline()
        .addLast("byte-counter", byteCounter)
        // Answers and pushes completed together (a group commit acknowledges many sends of one
        // connection at once) leave in one write instead of one system call each.
        .addLast("flush-consolidation", new FlushConsolidationHandler(FLUSHES_PER_WRITE, true))
        .addLast(
            "idle-state",
            new IdleStateHandler(parameters.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS))
        .addLast("idle-closer", IDLE_CLOSER)
        .addLast("slow-consumer", new SlowConsumerGuard(outboundLimits, traffic))
        .addLast("frame-encoder", FRAME_ENCODER)
        .addLast("frame-decoder", new ClientFrameDecoder(parameters.maxFrameBytes()))
        .addLast(
            "session",
            new GatewaySessionHandler(
                new GatewaySession(parameters),
                handshakeTimeout,
                traffic,
                operations,
                sessions,
                GatewaySessionHandler.MAX_OPERATIONS_IN_FLIGHT));
  }
}
