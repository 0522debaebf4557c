package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  @Test
  void prefixesTheBodyWithItsLengthInBigEndianOrder() {
    ClientFrame frame =
        ClientFrame.newBuilder().setRequestId(7).setPing(Ping.newBuilder().setPayload(42)).build();

    byte[] encoded = FrameCodec.encode(frame);

    int bodyLength = frame.getSerializedSize();
    assertThat(encoded).hasSize(FrameCodec.HEADER_BYTES + bodyLength);
    assertThat(Arrays.copyOf(encoded, FrameCodec.HEADER_BYTES))
        .containsExactly(0, 0, 0, bodyLength);
    assertThat(ByteBuffer.wrap(encoded).getInt()).isEqualTo(bodyLength);
  }

  @Test
  void bodyParsesBackToTheSameMessage() throws InvalidProtocolBufferException {
    ServerFrame frame =
        ServerFrame.newBuilder()
            .setRequestId(1)
            .setHandshakeAccepted(
                HandshakeAccepted.newBuilder()
                    .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                    .setNodeId("am-1")
                    .setDc("americas"))
            .build();

    byte[] encoded = FrameCodec.encode(frame);

    byte[] body = Arrays.copyOfRange(encoded, FrameCodec.HEADER_BYTES, encoded.length);
    assertThat(ServerFrame.parseFrom(body)).isEqualTo(frame);
  }

  @Test
  void anEmptyMessageIsAHeaderAnnouncingZeroBytes() {
    assertThat(FrameCodec.encode(ClientFrame.getDefaultInstance())).containsExactly(0, 0, 0, 0);
  }

  @Test
  void announcesTheDocumentedDefaults() {
    assertThat(FrameCodec.PROTOCOL_VERSION).isEqualTo(1);
    assertThat(FrameCodec.DEFAULT_MAX_FRAME_BYTES).isEqualTo(1_048_576);
  }
}
