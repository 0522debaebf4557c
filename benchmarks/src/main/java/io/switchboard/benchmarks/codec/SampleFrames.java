package io.switchboard.benchmarks.codec;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.Ping;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The client frames the codec benchmarks work on, shaped like the ones {@code GatewayClient} sends:
 * consecutive request ids and full-width 64-bit ping payloads. Deterministic: the same arguments
 * always give the same bytes, so every run measures the same input.
 */
final class SampleFrames {

  /** The client name a benchmark handshake carries, as long as a real client's. */
  static final String CLIENT_NAME = "switchboard-java/0.1";

  /** Spreads consecutive request ids over the whole 64-bit range (Fibonacci hashing). */
  private static final long PAYLOAD_MIX = 0x9E3779B97F4A7C15L;

  private SampleFrames() {}

  /** A ping request whose payload is derived from {@code requestId}. */
  static ClientFrame ping(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setPing(Ping.newBuilder().setPayload(requestId * PAYLOAD_MIX))
        .build();
  }

  /** A handshake request for {@link FrameCodec#PROTOCOL_VERSION} from {@link #CLIENT_NAME}. */
  static ClientFrame handshake(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(
            Handshake.newBuilder()
                .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                .setClientName(CLIENT_NAME))
        .build();
  }

  /**
   * The byte stream of {@code count} framed pings with request ids 1 to {@code count}, back to
   * back, as a gateway reads them from one connection.
   */
  static byte[] pingStream(int count) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (long requestId = 1; requestId <= count; requestId++) {
      stream.writeBytes(FrameCodec.encode(ping(requestId)));
    }
    return stream.toByteArray();
  }

  /**
   * Cuts {@code stream} into consecutive chunks of {@code chunkBytes} bytes (the last one may be
   * shorter), the way TCP may deliver it. Each chunk is a view of {@code stream} with position 0.
   */
  static ByteBuffer[] chunks(byte[] stream, int chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
    }
    ByteBuffer[] chunks = new ByteBuffer[(stream.length + chunkBytes - 1) / chunkBytes];
    for (int i = 0; i < chunks.length; i++) {
      int offset = i * chunkBytes;
      chunks[i] =
          ByteBuffer.wrap(stream, offset, Math.min(chunkBytes, stream.length - offset)).slice();
    }
    return chunks;
  }
}
