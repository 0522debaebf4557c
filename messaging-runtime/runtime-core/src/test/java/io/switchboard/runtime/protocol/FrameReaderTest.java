package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  private static final ClientFrame HANDSHAKE =
      ClientFrame.newBuilder()
          .setRequestId(1)
          .setHandshake(
              Handshake.newBuilder()
                  .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                  .setClientName("reader-test"))
          .build();
  private static final ClientFrame PING =
      ClientFrame.newBuilder().setRequestId(2).setPing(Ping.newBuilder().setPayload(-1L)).build();
  private static final ClientFrame EMPTY_PING =
      ClientFrame.newBuilder().setRequestId(3).setPing(Ping.getDefaultInstance()).build();

  private final List<ClientFrame> decoded = new ArrayList<>();
  private final FrameReader<ClientFrame> reader =
      FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  @Test
  void decodesOneFrame() throws FrameDecodingException {
    reader.read(ByteBuffer.wrap(FrameCodec.encode(HANDSHAKE)), decoded::add);

    assertThat(decoded).containsExactly(HANDSHAKE);
    assertThat(reader.bufferedBytes()).isZero();
  }

  @Test
  void decodesSeveralFramesFromOneChunk() throws FrameDecodingException {
    reader.read(ByteBuffer.wrap(concat(HANDSHAKE, PING, EMPTY_PING)), decoded::add);

    assertThat(decoded).containsExactly(HANDSHAKE, PING, EMPTY_PING);
  }

  @Test
  void decodesTheSameFramesWhateverByteTheStreamIsSplitAt() throws FrameDecodingException {
    byte[] stream = concat(HANDSHAKE, PING, EMPTY_PING);

    for (int split = 0; split <= stream.length; split++) {
      List<ClientFrame> frames = new ArrayList<>();
      FrameReader<ClientFrame> fresh = FrameReader.forClientFrames(1024);
      fresh.read(ByteBuffer.wrap(stream, 0, split), frames::add);
      fresh.read(ByteBuffer.wrap(stream, split, stream.length - split), frames::add);

      assertThat(frames).as("split at byte %d", split).containsExactly(HANDSHAKE, PING, EMPTY_PING);
    }
  }

  @Test
  void emitsEachFrameExactlyWhenItsLastByteArrives() throws FrameDecodingException {
    byte[] stream = concat(HANDSHAKE, PING);
    int handshakeEnd = FrameCodec.encode(HANDSHAKE).length;

    for (int i = 0; i < stream.length; i++) {
      reader.read(ByteBuffer.wrap(stream, i, 1), decoded::add);

      int bytesFed = i + 1;
      int expectedFrames = (bytesFed >= handshakeEnd ? 1 : 0) + (bytesFed == stream.length ? 1 : 0);
      assertThat(decoded).as("frames after %d bytes", bytesFed).hasSize(expectedFrames);
    }
    assertThat(decoded).containsExactly(HANDSHAKE, PING);
  }

  @Test
  void consumesTheWholeChunk() throws FrameDecodingException {
    byte[] stream = concat(HANDSHAKE, PING);
    ByteBuffer chunk = ByteBuffer.wrap(stream, 0, stream.length - 1);

    reader.read(chunk, decoded::add);

    assertThat(chunk.hasRemaining()).isFalse();
    assertThat(decoded).containsExactly(HANDSHAKE);
    assertThat(reader.bufferedBytes()).isEqualTo(FrameCodec.encode(PING).length - 1);
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() throws FrameDecodingException {
    int size = HANDSHAKE.getSerializedSize();
    FrameReader<ClientFrame> exact = FrameReader.forClientFrames(size);

    exact.read(ByteBuffer.wrap(FrameCodec.encode(HANDSHAKE)), decoded::add);

    assertThat(decoded).containsExactly(HANDSHAKE);
  }

  @Test
  void rejectsAnOversizeFrameAsSoonAsTheHeaderArrives() {
    int size = HANDSHAKE.getSerializedSize();
    FrameReader<ClientFrame> small = FrameReader.forClientFrames(size - 1);
    byte[] headerOnly = Arrays.copyOf(FrameCodec.encode(HANDSHAKE), FrameCodec.HEADER_BYTES);

    assertThatThrownBy(() -> small.read(ByteBuffer.wrap(headerOnly), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE))
        .hasMessageContaining(size + " bytes");
    assertThat(small.bufferedBytes()).isLessThanOrEqualTo(FrameCodec.HEADER_BYTES);
  }

  @Test
  void treatsTheLengthAsUnsignedSoTheLargestHeaderIsTooLargeNotNegative() {
    byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(header), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE))
        .hasMessageContaining("4294967295");
  }

  @Test
  void rejectsABodyThatIsNotAProtobufMessage() {
    byte[] garbage = {0, 0, 0, 3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(garbage), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
  }

  @Test
  void rejectsAnEmptyBodyBecauseNoBodyIsSet() {
    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(new byte[4]), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME))
        .hasMessageContaining("no body");
  }

  @Test
  void rejectsAFrameWithARequestIdButNoBody() {
    byte[] noBody = FrameCodec.encode(ClientFrame.newBuilder().setRequestId(9).build());

    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(noBody), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME));
  }

  @Test
  void rejectsABodyTypeOfALaterProtocolVersionAsHavingNoBody() {
    // request_id 5, then field 99 (tag 0x9a 0x06: length-delimited, empty): a body type this
    // version lacks.
    byte[] laterBody = {0, 0, 0, 5, 0x08, 0x05, (byte) 0x9a, 0x06, 0x00};

    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(laterBody), decoded::add))
        .isInstanceOfSatisfying(
            FrameDecodingException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FRAME))
        .hasMessageContaining("no body");
  }

  @Test
  void deliversTheFramesBeforeAFailureAndThenRefusesToContinue() {
    byte[] stream = concat(HANDSHAKE, PING);
    byte[] withGarbage = Arrays.copyOf(stream, stream.length + 5);
    withGarbage[stream.length + 3] = 1;
    withGarbage[stream.length + 4] = (byte) 0xFF;

    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(withGarbage), decoded::add))
        .isInstanceOf(FrameDecodingException.class);
    assertThat(decoded).containsExactly(HANDSHAKE, PING);
    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(FrameCodec.encode(PING)), decoded::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(decoded).containsExactly(HANDSHAKE, PING);
  }

  @Test
  void decodesServerFramesToo() throws FrameDecodingException {
    ServerFrame pong =
        ServerFrame.newBuilder().setRequestId(2).setPong(Pong.newBuilder().setPayload(5)).build();
    List<ServerFrame> frames = new ArrayList<>();

    FrameReader.forServerFrames(64).read(ByteBuffer.wrap(FrameCodec.encode(pong)), frames::add);

    assertThat(frames).containsExactly(pong);
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> FrameReader.forClientFrames(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(ClientFrame... frames) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (ClientFrame frame : frames) {
      stream.writeBytes(FrameCodec.encode(frame));
    }
    return stream.toByteArray();
  }
}
