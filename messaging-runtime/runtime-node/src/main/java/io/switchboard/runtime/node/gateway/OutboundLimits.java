package io.switchboard.runtime.node.gateway;

import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import java.util.Objects;

/**
 * How much unsent output one gateway connection may hold, and for how long, before its client is
 * treated as a slow consumer and disconnected ({@link SlowConsumerGuard}).
 *
 * <p>Output is counted as Netty counts a connection's pending writes: the bytes of every frame not
 * yet handed to the operating system, plus a fixed bookkeeping overhead per frame (about 100
 * bytes), so that many small answers weigh what they cost in memory.
 *
 * <p>Invariant: {@code 0 < lowWaterMarkBytes < highWaterMarkBytes <= maxOutboundBytes}. A
 * connection's pending output never stays above {@code maxOutboundBytes}: the write that crosses it
 * closes the connection and discards the output.
 *
 * @param lowWaterMarkBytes once pending output drains below this, the connection is writable again
 *     and the gateway resumes reading from it
 * @param highWaterMarkBytes pending output above this makes the connection unwritable: the gateway
 *     stops reading from it and starts the grace period
 * @param maxOutboundBytes pending output above this closes the connection at once, without waiting
 *     for the grace period (it can only be reached by answers to requests read before reading
 *     stopped)
 * @param slowConsumerGrace how long a connection may stay unwritable before it is closed; positive
 */
public record OutboundLimits(
    int lowWaterMarkBytes,
    int highWaterMarkBytes,
    int maxOutboundBytes,
    Duration slowConsumerGrace) {

  /** 256 KiB low, 1 MiB high, 4 MiB hard cap, 10 s grace. */
  public static final OutboundLimits DEFAULT =
      new OutboundLimits(256 * 1024, 1024 * 1024, 4 * 1024 * 1024, Duration.ofSeconds(10));

  public OutboundLimits {
    if (lowWaterMarkBytes < 1 || highWaterMarkBytes <= lowWaterMarkBytes) {
      throw new IllegalArgumentException(
          "water marks must satisfy 0 < low < high: low "
              + lowWaterMarkBytes
              + ", high "
              + highWaterMarkBytes);
    }
    if (maxOutboundBytes < highWaterMarkBytes) {
      throw new IllegalArgumentException(
          "maxOutboundBytes must be at least the high-water mark "
              + highWaterMarkBytes
              + ": "
              + maxOutboundBytes);
    }
    Objects.requireNonNull(slowConsumerGrace, "slowConsumerGrace");
    if (slowConsumerGrace.isNegative() || slowConsumerGrace.isZero()) {
      throw new IllegalArgumentException(
          "slowConsumerGrace must be positive: " + slowConsumerGrace);
    }
  }

  /** The write buffer water marks a gateway connection is configured with. */
  public WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(lowWaterMarkBytes, highWaterMarkBytes);
  }
}
