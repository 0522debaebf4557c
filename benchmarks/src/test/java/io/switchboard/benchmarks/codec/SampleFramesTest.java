package io.switchboard.benchmarks.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFramesTest {

  private final FrameReader<ClientFrame> reader =
      FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  @Test
  void aPingStreamDecodesToConsecutiveRequests() throws FrameDecodingException {
    List<ClientFrame> frames = new ArrayList<>();
    reader.read(ByteBuffer.wrap(SampleFrames.pingStream(1_000)), frames::add);

    assertThat(frames).hasSize(1_000);
    assertThat(frames.get(0)).isEqualTo(SampleFrames.ping(1));
    assertThat(frames.get(999)).isEqualTo(SampleFrames.ping(1_000));
    assertThat(reader.bufferedBytes()).isZero();
  }

  @Test
  void chunksCoverTheStreamInOrderAndDecodeToTheSameFrames() throws FrameDecodingException {
    byte[] stream = SampleFrames.pingStream(100);
    ByteBuffer[] chunks = SampleFrames.chunks(stream, 5);

    assertThat(chunks).hasSize((stream.length + 4) / 5);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.position()).isZero());
    List<ClientFrame> frames = new ArrayList<>();
    for (ByteBuffer chunk : chunks) {
      reader.read(chunk, frames::add);
    }
    assertThat(frames).hasSize(100).last().isEqualTo(SampleFrames.ping(100));
  }

  @Test
  void aLastShortChunkHoldsTheRemainder() {
    ByteBuffer[] chunks = SampleFrames.chunks(new byte[10], 4);

    assertThat(Arrays.stream(chunks).mapToInt(ByteBuffer::remaining)).containsExactly(4, 4, 2);
  }
}
