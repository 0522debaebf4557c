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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a gateway's {@link FrameReader} turns a full receive buffer into frames: each invocation
 * hands it one buffer holding {@value #FRAMES} framed pings back to back, the best case of a busy
 * connection.
 *
 * <p>One operation is one decoded frame ({@link OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FrameDecodingBenchmark.FRAMES)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class FrameDecodingBenchmark {

  /** Frames in the buffer decoded by one invocation. */
  static final int FRAMES = 1_000;

  private final FrameReader<ClientFrame> reader =
      FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private ByteBuffer stream;

  @Setup
  public void encodeFrames() {
    stream = ByteBuffer.wrap(SampleFrames.pingStream(FRAMES));
  }

  /** Decodes the whole buffer; the reader ends every invocation between frames. */
  @Benchmark
  public void decodeWholeBuffer(Blackhole blackhole) throws FrameDecodingException {
    stream.rewind();
    reader.read(stream, blackhole::consume);
  }
}
