package io.switchboard.benchmarks.codec;

import io.switchboard.runtime.protocol.FrameCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a client pays to put one request on the wire: build a fresh {@code ClientFrame} (a new
 * request id each time, as every real request has) and frame it with {@link FrameCodec#encode}.
 * Building is included because protobuf caches a message's size after the first serialization, so
 * re-encoding one prebuilt message would measure a cheaper path than any client takes.
 *
 * <p>One operation is one encoded frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class FrameEncodingBenchmark {

  private long requestId;

  /** A ping: a request id and a 64-bit payload, about 20 bytes on the wire. */
  @Benchmark
  public byte[] encodePing() {
    return FrameCodec.encode(SampleFrames.ping(++requestId));
  }

  /** A handshake: protocol version and a 20-character client name, 32 bytes on the wire. */
  @Benchmark
  public byte[] encodeHandshake() {
    return FrameCodec.encode(SampleFrames.handshake(++requestId));
  }
}
