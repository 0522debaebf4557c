package io.switchboard.runtime.node.peer;

import com.google.protobuf.MessageLite;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;

/**
 * The framing of peer connections: a 4-byte big-endian length, then one protobuf message (see
 * peer.proto). Both ends install it; each decodes the other's message type.
 */
final class PeerCodec {

  /** Largest peer frame; a whole shard map is a few tens of KiB, a delivery at most a few KiB. */
  static final int MAX_FRAME_BYTES = 16 << 20;

  private PeerCodec() {}

  static void install(ChannelPipeline pipeline, MessageLite inboundType) {
    pipeline.addLast(
        "frame-decoder", new LengthFieldBasedFrameDecoder(MAX_FRAME_BYTES, 0, 4, 0, 4));
    pipeline.addLast("message-decoder", new ProtobufDecoder(inboundType));
    pipeline.addLast("frame-encoder", new LengthFieldPrepender(4));
    pipeline.addLast("message-encoder", new ProtobufEncoder());
  }
}
