package io.switchboard.runtime.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Frames and byte streams for the gateway handler tests. */
final class Frames {

  private Frames() {}

  static ClientFrame handshake(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(
            Handshake.newBuilder()
                .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                .setClientName("handler-test"))
        .build();
  }

  static ClientFrame ping(long requestId, long payload) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setPing(Ping.newBuilder().setPayload(payload))
        .build();
  }

  static ClientFrame register(long requestId, String displayName) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setRegister(Register.newBuilder().setDisplayName(displayName).setDc("asia"))
        .build();
  }

  static ClientFrame authenticate(long requestId, String token) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setAuthenticate(Authenticate.newBuilder().setToken(token))
        .build();
  }

  static ClientFrame send(long requestId, long toUserId, long randomId, String text) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setSendMessage(
            SendMessage.newBuilder()
                .setPeer(Peer.newBuilder().setUserId(toUserId))
                .setRandomId(randomId)
                .setText(text))
        .build();
  }

  static byte[] encode(ClientFrame... frames) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (ClientFrame frame : frames) {
      stream.writeBytes(FrameCodec.encode(frame));
    }
    return stream.toByteArray();
  }

  static ByteBuf header(long announcedLength) {
    return Unpooled.buffer(4).writeInt((int) announcedLength);
  }

  /** Decodes (and releases) every outbound byte buffer the channel has written so far. */
  static List<ServerFrame> readServerFrames(EmbeddedChannel channel) throws FrameDecodingException {
    FrameReader<ServerFrame> reader =
        FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    List<ServerFrame> frames = new ArrayList<>();
    for (ByteBuf bytes = channel.readOutbound(); bytes != null; bytes = channel.readOutbound()) {
      try {
        reader.read(bytes.nioBuffer(), frames::add);
      } finally {
        bytes.release();
      }
    }
    return frames;
  }
}
