package io.switchboard.benchmarks.codec;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a {@link FrameReader} reassembles frames that arrive cut into small pieces: the same
 * {@value #FRAMES} framed pings as {@link FrameDecodingBenchmark}, fed in chunks of {@link
 * #chunkBytes} bytes, so headers and bodies are split across reads. One byte per chunk is the worst
 * case; five bytes splits most headers; 64 bytes holds about three frames per chunk.
 *
 * <p>One operation is one decoded frame ({@link OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ChunkedFrameDecodingBenchmark.FRAMES)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ChunkedFrameDecodingBenchmark {

  /** Frames in the stream decoded by one invocation. */
  static final int FRAMES = 1_000;

  /** Size of every chunk but possibly the last. */
  @Param({"1", "5", "64"})
  public int chunkBytes;

  private final FrameReader<ClientFrame> reader =
      FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private ByteBuffer[] chunks;

  @Setup
  public void cutStream() {
    chunks = SampleFrames.chunks(SampleFrames.pingStream(FRAMES), chunkBytes);
  }

  /** Decodes the stream chunk by chunk; the reader ends every invocation between frames. */
  @Benchmark
  public void decodeInChunks(Blackhole blackhole) throws FrameDecodingException {
    for (ByteBuffer chunk : chunks) {
      chunk.rewind();
      reader.read(chunk, blackhole::consume);
    }
  }
}
