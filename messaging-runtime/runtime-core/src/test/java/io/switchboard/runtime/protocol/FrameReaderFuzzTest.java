package io.switchboard.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drives seeded random byte streams into {@link FrameReader} and compares it with a whole-stream
 * reference model of the framing rules of docs/protocol.md, section 2.
 *
 * <p>Case {@code i} of a run uses the seed {@code fuzz.seed + i}; a failure names the seed of its
 * case, and {@code -Dfuzz.seed=<that seed>} makes it the first case of the next run. {@code
 * -Dfuzz.cases=N} changes the number of cases.
 */
class FrameReaderFuzzTest {

  private static final long BASE_SEED = Long.getLong("fuzz.seed", 0x5EED_F4A3E5L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 4_000);
  private static final int[] MAX_FRAME_BYTES = {
    1, 7, 64, 1_024, FrameCodec.DEFAULT_MAX_FRAME_BYTES
  };

  @Test
  void eitherYieldsTheFramesOfTheStreamOrFailsWithTheDefinedErrorWhereverItIsSplit() {
    fuzz(
        seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          int maxFrameBytes = MAX_FRAME_BYTES[random.nextInt(MAX_FRAME_BYTES.length)];
          byte[] stream = randomStream(random);
          Outcome expected = Outcome.of(stream, maxFrameBytes);

          for (int split = 0; split < 3; split++) {
            Outcome actual = readInChunks(stream, maxFrameBytes, random, expected);

            assertThat(actual)
                .as("split %d of a %d-byte stream", split, stream.length)
                .isEqualTo(expected);
          }
        });
  }

  @Test
  void decodesValidFramesIdenticallyWhateverTheStreamIsSplitAt() {
    fuzz(
        seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          List<ClientFrame> sent = new ArrayList<>();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          int count = 1 + random.nextInt(8);
          for (int i = 0; i < count; i++) {
            ClientFrame frame = randomClientFrame(random);
            sent.add(frame);
            out.writeBytes(FrameCodec.encode(frame));
          }
          byte[] stream = out.toByteArray();

          Outcome whole = read(stream, FrameCodec.DEFAULT_MAX_FRAME_BYTES, List.of(stream.length));
          assertThat(whole.failure()).isNull();
          assertThat(whole.frames()).isEqualTo(sent);
          assertThat(whole.buffered()).isZero();
          for (int split = 0; split < 4; split++) {
            Outcome chunked =
                read(
                    stream,
                    FrameCodec.DEFAULT_MAX_FRAME_BYTES,
                    randomChunkSizes(stream.length, random));
            assertThat(chunked).isEqualTo(whole);
          }
        });
  }

  @Test
  void rejectsEveryLengthAboveTheLimitWithoutAllocatingItsBody() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
            && threads.isThreadAllocatedMemorySupported()
            && threads.isThreadAllocatedMemoryEnabled(),
        "the JVM measures the memory a thread allocates");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    rejectHeader(FrameReader.forClientFrames(1), ByteBuffer.allocate(4).putInt(0, 2)); // warm-up
    fuzz(
        seed -> {
          SplittableRandom random = new SplittableRandom(seed);
          int maxFrameBytes =
              random.nextBoolean()
                  ? FrameCodec.DEFAULT_MAX_FRAME_BYTES
                  : 1 + random.nextInt(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
          long length =
              switch (random.nextInt(4)) {
                case 0 -> maxFrameBytes + 1L;
                case 1 -> 0xFFFF_FFFFL;
                case 2 -> Integer.MAX_VALUE + (long) random.nextInt(2);
                default -> maxFrameBytes + 1L + random.nextLong(0xFFFF_FFFFL - maxFrameBytes);
              };
          FrameReader<ClientFrame> reader = FrameReader.forClientFrames(maxFrameBytes);
          // The header, then up to 16 body bytes in the same chunk.
          ByteBuffer chunk = ByteBuffer.allocate(4 + 16).putInt(0, (int) length);
          chunk.limit(4 + random.nextInt(17));

          long before = threads.getCurrentThreadAllocatedBytes();
          FrameDecodingException rejection = rejectHeader(reader, chunk);
          long allocated = threads.getCurrentThreadAllocatedBytes() - before;

          assertThat(rejection).as("rejection of a %d-byte frame", length).isNotNull();
          assertThat(rejection.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
          assertThat(rejection.getMessage()).contains(Long.toString(length));
          assertThat(allocated)
              .as("bytes allocated for a %d-byte frame", length)
              .isLessThan(64_000);
          assertThat(chunk.position()).as("bytes consumed").isEqualTo(4);
        });
  }

  private static FrameDecodingException rejectHeader(
      FrameReader<ClientFrame> reader, ByteBuffer chunk) {
    try {
      reader.read(chunk, frame -> {});
      return null;
    } catch (FrameDecodingException e) {
      return e;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The reference model and the reader under test

  /**
   * What reading a stream yields: its frames, the failure (null if none), the bytes consumed (up to
   * and including the byte that completed the failing header or body, or all of them) and the bytes
   * of an incomplete frame held at the end.
   */
  private record Outcome(List<ClientFrame> frames, ErrorCode failure, int consumed, int buffered) {

    /** The framing rules applied to the whole stream at once, independently of the reader. */
    static Outcome of(byte[] stream, int maxFrameBytes) {
      return of(stream, maxFrameBytes, new ArrayList<>());
    }

    /**
     * As {@link #of(byte[], int)}, adding the offset just past each valid frame to {@code ends}.
     */
    static Outcome of(byte[] stream, int maxFrameBytes, List<Integer> ends) {
      List<ClientFrame> frames = new ArrayList<>();
      int offset = 0;
      while (true) {
        if (stream.length - offset < FrameCodec.HEADER_BYTES) {
          return new Outcome(frames, null, stream.length, stream.length - offset);
        }
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(stream, offset, 4).getInt());
        int bodyStart = offset + FrameCodec.HEADER_BYTES;
        if (length > maxFrameBytes) {
          return new Outcome(frames, ErrorCode.FRAME_TOO_LARGE, bodyStart, 0);
        }
        if (stream.length - bodyStart < length) {
          return new Outcome(frames, null, stream.length, stream.length - offset);
        }
        int bodyEnd = bodyStart + (int) length;
        ClientFrame frame;
        try {
          frame = ClientFrame.parseFrom(ByteString.copyFrom(stream, bodyStart, (int) length));
        } catch (InvalidProtocolBufferException e) {
          return new Outcome(frames, ErrorCode.MALFORMED_FRAME, bodyEnd, 0);
        }
        if (frame.getBodyCase() == ClientFrame.BodyCase.BODY_NOT_SET) {
          return new Outcome(frames, ErrorCode.MALFORMED_FRAME, bodyEnd, 0);
        }
        frames.add(frame);
        ends.add(bodyEnd);
        offset = bodyEnd;
      }
    }
  }

  /**
   * Feeds the stream to a fresh reader in the given chunks, checking after every chunk what can be
   * checked, and returns what it yielded.
   */
  private static Outcome read(byte[] stream, int maxFrameBytes, List<Integer> chunkSizes) {
    return read(stream, maxFrameBytes, chunkSizes, null, new SplittableRandom(0));
  }

  private static Outcome readInChunks(
      byte[] stream, int maxFrameBytes, SplittableRandom random, Outcome expected) {
    return read(stream, maxFrameBytes, randomChunkSizes(stream.length, random), expected, random);
  }

  private static Outcome read(
      byte[] stream,
      int maxFrameBytes,
      List<Integer> chunkSizes,
      Outcome expected,
      SplittableRandom random) {
    List<Integer> frameEnds = new ArrayList<>();
    Outcome.of(stream, maxFrameBytes, frameEnds);
    FrameReader<ClientFrame> reader = FrameReader.forClientFrames(maxFrameBytes);
    List<ClientFrame> frames = new ArrayList<>();
    int offset = 0;
    for (int size : chunkSizes) {
      ByteBuffer chunk = chunk(stream, offset, size, random);
      int start = chunk.position();
      try {
        reader.read(
            chunk,
            frame -> {
              assertThat(frame.getBodyCase()).isNotEqualTo(ClientFrame.BodyCase.BODY_NOT_SET);
              frames.add(frame);
            });
      } catch (FrameDecodingException e) {
        assertThat(e.code()).isIn(ErrorCode.FRAME_TOO_LARGE, ErrorCode.MALFORMED_FRAME);
        assertThat(e.getMessage()).isNotBlank();
        int consumed = offset + chunk.position() - start;
        assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(new byte[1]), frames::add))
            .isInstanceOf(IllegalStateException.class);
        return new Outcome(frames, e.code(), consumed, 0);
      }
      assertThat(chunk.hasRemaining()).as("a chunk is consumed whole").isFalse();
      offset += size;
      assertThat(reader.bufferedBytes()).isLessThanOrEqualTo(maxFrameBytes + 4);
      if (expected != null && offset < expected.consumed()) {
        // Exactly the frames whose last byte has arrived; buffered, the bytes of the next one.
        int complete = 0;
        while (complete < frameEnds.size() && frameEnds.get(complete) <= offset) {
          complete++;
        }
        int lastEnd = complete == 0 ? 0 : frameEnds.get(complete - 1);
        assertThat(frames).as("frames after %d bytes", offset).hasSize(complete);
        assertThat(reader.bufferedBytes())
            .as("buffered after %d bytes", offset)
            .isEqualTo(offset - lastEnd);
      }
    }
    return new Outcome(frames, null, offset, reader.bufferedBytes());
  }

  /** The bytes {@code [offset, offset + size)} as a heap, offset, read-only or direct buffer. */
  private static ByteBuffer chunk(byte[] stream, int offset, int size, SplittableRandom random) {
    return switch (random.nextInt(16)) {
      case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> ByteBuffer.wrap(stream, offset, size);
      case 9, 10, 11 -> ByteBuffer.wrap(stream, offset, size).slice().asReadOnlyBuffer();
      case 12, 13, 14 -> {
        ByteBuffer padded = ByteBuffer.allocate(size + 7);
        padded.position(3).put(stream, offset, size).flip().position(3);
        yield padded;
      }
      default -> ByteBuffer.allocateDirect(size).put(stream, offset, size).flip();
    };
  }

  /** Sizes adding up to {@code length}: one chunk, single bytes, tiny or random chunks. */
  private static List<Integer> randomChunkSizes(int length, SplittableRandom random) {
    List<Integer> sizes = new ArrayList<>();
    int style = random.nextInt(4);
    int left = length;
    do {
      int size =
          switch (style) {
            case 0 -> left;
            case 1 -> Math.min(left, 1);
            case 2 -> random.nextInt(Math.min(left, 8) + 1);
            default -> random.nextInt(left + 1);
          };
      sizes.add(size);
      left -= size;
    } while (left > 0);
    return sizes;
  }

  // ---------------------------------------------------------------------------------------------
  // Streams

  private static byte[] randomStream(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random, random.nextInt(64));
      case 1 -> randomBytes(random, random.nextInt(4_096));
      case 2 -> plausibleGarbage(random);
      default -> mutate(validStream(random), random);
    };
  }

  /** Frames of random bodies whose length prefixes are mostly small, so the bodies get parsed. */
  private static byte[] plausibleGarbage(SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      byte[] body = randomBytes(random, random.nextInt(random.nextBoolean() ? 4 : 64));
      if (random.nextInt(3) == 0 && body.length > 0) {
        body[0] = (byte) (random.nextBoolean() ? 0x08 : 0x52 + 8 * random.nextInt(17));
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private record Stream(byte[] bytes, List<Integer> frameStarts) {}

  private static Stream validStream(SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> starts = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      starts.add(out.size());
      out.writeBytes(FrameCodec.encode(randomClientFrame(random)));
    }
    return new Stream(out.toByteArray(), starts);
  }

  /** One to four mutations of a valid stream. */
  private static byte[] mutate(Stream valid, SplittableRandom random) {
    byte[] bytes = valid.bytes().clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && bytes.length > 0; m++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(8)) {
        case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[at] = (byte) random.nextInt(256);
        case 2 -> bytes = Arrays.copyOf(bytes, at);
        case 3 -> {
          int start = valid.frameStarts().get(random.nextInt(valid.frameStarts().size()));
          if (start + 4 <= bytes.length) {
            ByteBuffer.wrap(bytes, start, 4).putInt(mutatedLength(bytes, start, random));
          }
        }
        case 4 -> {
          int count = Math.min(bytes.length - at, 1 + random.nextInt(16));
          byte[] replacement = randomBytes(random, count);
          System.arraycopy(replacement, 0, bytes, at, count);
        }
        case 5 -> bytes = splice(bytes, at, 0, randomBytes(random, 1 + random.nextInt(8)));
        case 6 ->
            bytes =
                splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(8)), new byte[0]);
        default -> {
          int count = Math.min(bytes.length - at, 1 + random.nextInt(32));
          bytes =
              splice(
                  bytes,
                  random.nextInt(bytes.length + 1),
                  0,
                  Arrays.copyOfRange(bytes, at, at + count));
        }
      }
    }
    return bytes;
  }

  private static int mutatedLength(byte[] bytes, int start, SplittableRandom random) {
    int length = ByteBuffer.wrap(bytes, start, 4).getInt();
    return switch (random.nextInt(8)) {
      case 0 -> length + 1;
      case 1 -> length - 1;
      case 2 -> 0;
      case 3 -> 0xFFFF_FFFF;
      case 4 -> Integer.MAX_VALUE;
      case 5 -> Integer.MIN_VALUE;
      case 6 -> FrameCodec.DEFAULT_MAX_FRAME_BYTES + random.nextInt(-1, 2);
      default -> random.nextInt();
    };
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] result = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
    return result;
  }

  private static byte[] randomBytes(SplittableRandom random, int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  // ---------------------------------------------------------------------------------------------
  // Random valid frames, generated from the schema so that every body type is covered

  private static ClientFrame randomClientFrame(SplittableRandom random) {
    ClientFrame.Builder frame = ClientFrame.newBuilder();
    if (random.nextInt(8) != 0) {
      frame.setRequestId(random.nextInt(4) == 0 ? random.nextLong() : 1 + random.nextInt(1_000));
    }
    OneofDescriptor body = ClientFrame.getDescriptor().getOneofs().get(0);
    FieldDescriptor field = body.getField(random.nextInt(body.getFieldCount()));
    Message.Builder builder = frame.newBuilderForField(field);
    fill(builder, random, 0);
    frame.setField(field, builder.build());
    return frame.build();
  }

  private static void fill(Message.Builder builder, SplittableRandom random, int depth) {
    Descriptor type = builder.getDescriptorForType();
    for (FieldDescriptor field : type.getFields()) {
      if (random.nextInt(3) == 0) {
        continue;
      }
      if (field.isRepeated()) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          builder.addRepeatedField(field, randomValue(builder, field, random, depth));
        }
      } else {
        builder.setField(field, randomValue(builder, field, random, depth));
      }
    }
  }

  private static Object randomValue(
      Message.Builder parent, FieldDescriptor field, SplittableRandom random, int depth) {
    return switch (field.getJavaType()) {
      case INT -> random.nextBoolean() ? random.nextInt(200) : random.nextInt();
      case LONG -> random.nextBoolean() ? (long) random.nextInt(200) : random.nextLong();
      case FLOAT -> (float) random.nextDouble();
      case DOUBLE -> random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      case STRING -> randomString(random);
      case BYTE_STRING -> ByteString.copyFrom(randomBytes(random, random.nextInt(32)));
      case ENUM -> {
        List<EnumValueDescriptor> values = field.getEnumType().getValues();
        yield values.get(random.nextInt(values.size()));
      }
      case MESSAGE -> {
        Message.Builder child = parent.newBuilderForField(field);
        if (depth < 3) {
          fill(child, random, depth + 1);
        }
        yield child.build();
      }
    };
  }

  /** A valid string: ASCII, any code point but surrogates, sometimes longer than 4 KiB. */
  private static String randomString(SplittableRandom random) {
    int length =
        switch (random.nextInt(16)) {
          case 0 -> 0;
          case 1 -> 4_000 + random.nextInt(200);
          default -> random.nextInt(24);
        };
    boolean ascii = random.nextBoolean();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int codePoint = ascii ? 0x20 + random.nextInt(0x5F) : random.nextInt(0x10_FFFF);
      if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
        codePoint = 'x';
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------------

  private interface Case {
    void run(long seed) throws Exception;
  }

  /** Runs {@link #CASES} cases, seeds {@code BASE_SEED + i}; a failure names its seed. */
  private static void fuzz(Case body) {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + i;
      try {
        body.run(seed);
      } catch (Throwable failure) {
        String reproduce =
            "fuzz case failed with seed " + seed + "; reproduce with -Dfuzz.seed=" + seed;
        System.err.println(reproduce);
        throw new AssertionError(reproduce, failure);
      }
    }
  }
}
