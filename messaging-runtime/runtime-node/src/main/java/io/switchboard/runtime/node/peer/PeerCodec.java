package io.switchboard.runtime.node.peer;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.switchboard.runtime.node.wire.LengthPrefixedEncoder;

/**
 * The framing of peer connections: a 4-byte big-endian length, then one protobuf message (see
 * peer.proto). Both ends install it; each decodes the other's message type.
 */
final class PeerCodec {

  /** Largest peer frame; a whole shard map is a few tens of KiB, a delivery at most a few KiB. */
  static final int MAX_FRAME_BYTES = 16 << 20;

  private static final LengthPrefixedEncoder FRAME_ENCODER = new LengthPrefixedEncoder();

  private PeerCodec() {}

  static void install(ChannelPipeline pipeline, MessageLite inboundType) {
    pipeline.addLast(
        "frame-decoder", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4));
    pipeline.addLast("message-decoder", new ProtobufDecoder(inboundType));
    pipeline.addLast("frame-encoder", FRAME_ENCODER);
  }
}
