package io.switchboard.runtime.node.gateway;

import static io.switchboard.runtime.node.gateway.Frames.encode;
import static io.switchboard.runtime.node.gateway.Frames.handshake;
import static io.switchboard.runtime.node.gateway.Frames.ping;
import static io.switchboard.runtime.node.gateway.Frames.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.node.RuntimeNode;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.GatewayParameters;
import io.switchboard.runtime.protocol.GatewaySession;
import io.switchboard.runtime.protocol.InMemoryMessaging;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.UnavailableMessagingEndpoint;
import io.switchboard.runtime.topology.NodeRole;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives seeded random and mutated bytes through the real gateway pipeline and a real node
 * (docs/protocol.md, sections 2, 10 and 11): every answer is a well-formed frame, undecodable input
 * ends the connection with its defined error frame, and other connections are not disturbed.
 *
 * <p>Case {@code i} of a run uses the seed {@code fuzz.seed + i}; a failure names the seed of its
 * case, and {@code -Dfuzz.seed=<that seed>} makes it the first case of the next run. {@code
 * -Dfuzz.cases=N} changes the number of cases.
 */
class ClientFrameDecoderFuzzTest {

  private static final long BASE_SEED = Long.getLong("fuzz.seed", 0x6A7E_F4A3E5L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 1_500);
  private static final int[] MAX_FRAME_BYTES = {48, 128, 4_096, FrameCodec.DEFAULT_MAX_FRAME_BYTES};
  private static final long HANDSHAKE_ID = 1;
  private static final long REGISTER_ID = 2;

  @TempDir Path temp;

  @Test
  void answersEveryDecodedFrameOrEndsTheConnectionWithTheDefinedErrorOfItsFirstBadFrame() {
    fuzz(ClientFrameDecoderFuzzTest::pipelineCase);
  }

  private static void pipelineCase(long seed) throws FrameDecodingException {
    SplittableRandom random = new SplittableRandom(seed);
    int maxFrameBytes = MAX_FRAME_BYTES[random.nextInt(MAX_FRAME_BYTES.length)];
    boolean servesMessaging = random.nextBoolean();
    GatewayTraffic traffic = new GatewayTraffic();
    SessionRegistry sessions = new SessionRegistry();
    MessagingEndpoint messaging =
        servesMessaging
            ? new InMemoryMessaging().factory().create(sessions)
            : new UnavailableMessagingEndpoint();
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new GatewayChannelInitializer(
                new GatewayParameters("fz-1", "europe", maxFrameBytes, 60),
                Duration.ofSeconds(10),
                OutboundLimits.DEFAULT,
                traffic,
                messaging,
                sessions));
    channel.freezeTime(); // neither the handshake deadline nor the idle timeout passes
    ServerFrames answers = new ServerFrames();
    List<ByteBuf> written = new ArrayList<>();
    try {
      // A valid handshake, and on a gateway that serves messaging a registration, so that user
      // operations reach the endpoint.
      write(channel, Unpooled.wrappedBuffer(encode(handshake(HANDSHAKE_ID))), written, answers);
      assertThat(answers.next().getHandshakeAccepted().getMaxFrameBytes()).isEqualTo(maxFrameBytes);
      long user = 0;
      if (servesMessaging) {
        write(
            channel,
            Unpooled.wrappedBuffer(encode(register(REGISTER_ID, "Fuzz"))),
            written,
            answers);
        user = answers.next().getRegistered().getUserId();
        assertThat(user).isPositive();
        assertThat(sessions.sessionsOf(user)).isEqualTo(1);
      }
      assertThat(answers.all()).isEmpty();

      byte[] stream = Garbage.stream(random);
      Shadow expected = Shadow.of(stream, maxFrameBytes);
      List<Integer> chunkSizes = Garbage.chunkSizes(stream.length, random);
      int offset = 0;
      for (int size : chunkSizes) {
        if (!channel.isOpen()) {
          break;
        }
        write(channel, Garbage.buffer(stream, offset, size, random), written, answers);
        offset += size;
      }

      checkAnswers(expected, answers.all(), channel, servesMessaging);
      if (channel.isOpen() && expected.buffered() == 0) {
        // Nothing undecodable came and no frame is incomplete: the connection still works.
        write(
            channel, Unpooled.wrappedBuffer(encode(ping(Long.MAX_VALUE, seed))), written, answers);
        List<ServerFrame> pong = answers.all();
        assertThat(pong).hasSize(1);
        assertThat(pong.get(0).getRequestId()).isEqualTo(Long.MAX_VALUE);
        assertThat(pong.get(0).getPong().getPayload()).isEqualTo(seed);
      }
      assertThat((Object) channel.readInbound()).as("nothing passes the session handler").isNull();
      assertThat(traffic.connectionsOpen()).isEqualTo(channel.isOpen() ? 1 : 0);

      channel.close();
      channel.runPendingTasks();
      channel.checkException();
      assertThat(answers.all()).as("nothing is written on the way out").isEmpty();
      assertThat(answers.buffered()).as("bytes of a partial answer").isZero();
      assertThat(sessions.sessionsOf(user)).as("sessions of the user once closed").isZero();
    } finally {
      channel.finishAndReleaseAll();
    }
    assertThat(written)
        .as("inbound buffers are all released")
        .allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
  }

  /** Writes one buffer, lets every resulting task run, and rethrows what reached the tail. */
  private static void write(
      EmbeddedChannel channel, ByteBuf buffer, List<ByteBuf> written, ServerFrames answers)
      throws FrameDecodingException {
    written.add(buffer);
    channel.writeInbound(buffer);
    channel.runPendingTasks();
    channel.checkException();
    answers.drain(channel);
  }

  /**
   * The answers to the garbage against what a whole-stream reader says it holds: the frames it
   * decodes, then possibly the error that ends it.
   */
  private static void checkAnswers(
      Shadow expected,
      List<ServerFrame> answers,
      EmbeddedChannel channel,
      boolean servesMessaging) {
    List<ServerFrame> answersToFrames = new ArrayList<>(answers);
    if (expected.failure() != null) {
      assertThat(channel.isOpen()).as("closed after %s", expected.failure()).isFalse();
      assertThat(answers).as("the fatal error frame").isNotEmpty();
      ServerFrame last = answers.get(answers.size() - 1);
      assertThat(last.getRequestId()).isZero();
      assertThat(last.getError().getCode()).isEqualTo(expected.failure());
      assertThat(last.getError().getMessage()).isNotBlank();
      answersToFrames.remove(answers.size() - 1);
    } else {
      assertThat(channel.isOpen())
          .as("open, since %s decode without a fatal error; answers %s", expected, answers)
          .isTrue();
    }
    List<ClientFrame> requests = new ArrayList<>(expected.requests());
    // Each answer to one request of its id: results to a request of their kind first, then errors
    // to any left, since an error can answer any request and ids may repeat.
    List<ServerFrame> results = new ArrayList<>();
    List<ServerFrame> errors = new ArrayList<>();
    for (ServerFrame answer : answersToFrames) {
      if (answer.hasUpdate()) {
        assertThat(answer.getRequestId()).as("a push").isZero();
      } else if (answer.hasError()) {
        assertThat(GatewaySession.FATAL_ERROR_CODES)
            .as("codes after the handshake, before the first bad frame")
            .doesNotContain(answer.getError().getCode());
        if (!servesMessaging) {
          // INTERNAL is never the gateway's own answer. (The test double InMemoryMessaging does
          // fail on some extreme values, e.g. a GetDifference pts of 2^63 or more.)
          assertThat(answer.getError().getCode())
              .as("an unexpected failure of the gateway")
              .isNotEqualTo(ErrorCode.INTERNAL);
        }
        errors.add(answer);
      } else {
        results.add(answer);
      }
    }
    results.addAll(errors);
    for (ServerFrame answer : results) {
      Iterator<ClientFrame> candidates = requests.iterator();
      boolean matched = false;
      while (candidates.hasNext()) {
        ClientFrame request = candidates.next();
        if (request.getRequestId() == answer.getRequestId() && answers(answer, request)) {
          candidates.remove();
          matched = true;
          break;
        }
      }
      assertThat(matched).as("%s answers one of the frames sent: %s", answer, requests).isTrue();
    }
    if (expected.failure() == null) {
      assertThat(requests).as("frames without an answer").isEmpty();
    }
  }

  /** Whether {@code answer} is a possible answer to {@code request}: an error or its result. */
  private static boolean answers(ServerFrame answer, ClientFrame request) {
    if (answer.hasError()) {
      return true;
    }
    int requestBody = request.getBodyCase().getNumber();
    int resultBody = requestBody <= ClientFrame.PING_FIELD_NUMBER ? requestBody : requestBody + 1;
    return answer.getBodyCase().getNumber() == resultBody;
  }

  // ---------------------------------------------------------------------------------------------
  // A real node

  @Test
  void aNodeKeepsServingAWellBehavedConnectionWhileOthersSendGarbage() throws Exception {
    RuntimeNode node =
        RuntimeNode.start(
            NodeConfig.of("fz-2", "europe", Set.of(NodeRole.GATEWAY), temp.resolve("fz-2")),
            Clock.systemUTC());
    try (Connection healthy = new Connection(node.gatewayPort());
        Connection stalled = new Connection(node.gatewayPort())) {
      healthy.send(encode(handshake(1)));
      assertThat(healthy.receive().hasHandshakeAccepted()).isTrue();
      long pings = 0;
      healthy.assertPingAnswered(++pings);
      // A connection that announces a frame of the largest size and sends only part of it.
      stalled.send(encode(handshake(1)));
      assertThat(stalled.receive().hasHandshakeAccepted()).isTrue();
      stalled.send(ByteBuffer.allocate(1_000).putInt(FrameCodec.DEFAULT_MAX_FRAME_BYTES).array());
      healthy.assertPingAnswered(++pings);

      SplittableRandom random = new SplittableRandom(BASE_SEED);
      for (int i = 0; i < 16; i++) {
        String which = "garbage connection " + i + "; reproduce with -Dfuzz.seed=" + BASE_SEED;
        try (Connection garbage = new Connection(node.gatewayPort())) {
          boolean handshakeFirst = i % 4 != 0;
          Shadow.Truncated bad = Shadow.untilFailure(random, handshakeFirst);
          byte[] bytes = handshakeFirst ? concat(encode(handshake(1)), bad.bytes()) : bad.bytes();
          // Sent from another thread, so that answers never wait for the sender to read them.
          CompletableFuture<Void> sent =
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      garbage.send(bytes);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
          List<ServerFrame> answers = garbage.receiveUntilClosed();
          sent.get(5, TimeUnit.SECONDS);

          assertThat(answers).as(which).isNotEmpty();
          if (handshakeFirst) {
            assertThat(answers.get(0).hasHandshakeAccepted()).isTrue();
          }
          ServerFrame last = answers.get(answers.size() - 1);
          assertThat(last.getRequestId()).isZero();
          assertThat(last.getError().getCode()).as(which).isEqualTo(bad.failure());
          assertThat(answers.subList(0, answers.size() - 1))
              .noneMatch(
                  answer -> answer.hasError() && answer.getError().getCode() == bad.failure());
        }
        healthy.assertPingAnswered(++pings);
      }

      stalled.send(new byte[100]);
      healthy.assertPingAnswered(++pings);
    } finally {
      node.kill();
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** A blocking gateway connection. */
  private static final class Connection implements AutoCloseable {

    private final Socket socket;
    private final FrameReader<ServerFrame> reader =
        FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    private final Queue<ServerFrame> received = new ArrayDeque<>();

    Connection(int port) throws IOException {
      socket = new Socket(NodeConfig.DEFAULT_HOST, port);
      socket.setSoTimeout(5_000);
    }

    void send(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    ServerFrame receive() throws IOException, FrameDecodingException {
      while (received.isEmpty()) {
        if (!readSome()) {
          throw new EOFException("the gateway closed the connection");
        }
      }
      return received.remove();
    }

    /** Every frame until the gateway closes the connection in order, with no partial frame. */
    List<ServerFrame> receiveUntilClosed() throws IOException, FrameDecodingException {
      while (readSome()) {
        // reads on
      }
      assertThat(reader.bufferedBytes()).as("bytes of a partial frame").isZero();
      List<ServerFrame> frames = new ArrayList<>(received);
      received.clear();
      return frames;
    }

    void assertPingAnswered(long payload) throws IOException, FrameDecodingException {
      send(encode(ping(1_000 + payload, payload)));
      ServerFrame pong = receive();
      assertThat(pong.getRequestId()).isEqualTo(1_000 + payload);
      assertThat(pong.getPong().getPayload()).isEqualTo(payload);
    }

    private boolean readSome() throws IOException, FrameDecodingException {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4_096];
      int count = in.read(buffer);
      if (count < 0) {
        return false;
      }
      reader.read(ByteBuffer.wrap(buffer, 0, count), received::add);
      return true;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What a stream holds

  /**
   * The frames of a stream as a fresh reader decodes it whole, the failure that ends it (null if
   * none) and the bytes of an incomplete last frame.
   */
  private record Shadow(List<ClientFrame> requests, ErrorCode failure, int buffered) {

    static Shadow of(byte[] stream, int maxFrameBytes) {
      FrameReader<ClientFrame> reader = FrameReader.forClientFrames(maxFrameBytes);
      List<ClientFrame> frames = new ArrayList<>();
      try {
        reader.read(ByteBuffer.wrap(stream), frames::add);
      } catch (FrameDecodingException e) {
        return new Shadow(frames, e.code(), 0);
      }
      return new Shadow(frames, null, reader.bufferedBytes());
    }

    /** Garbage cut just after the byte that makes it undecodable, and the error it gets. */
    record Truncated(byte[] bytes, ErrorCode failure) {}

    /**
     * Garbage that a gateway reads to its last byte and then rejects: frames decoded before the
     * failure are not fatal after a handshake, and without one there are none.
     */
    static Truncated untilFailure(SplittableRandom random, boolean afterHandshake) {
      while (true) {
        FrameReader<ClientFrame> reader =
            FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        List<ClientFrame> frames = new ArrayList<>();
        byte[] piece = afterHandshake ? Garbage.stream(random) : Garbage.randomBytes(random, 64);
        for (int pieces = 0; pieces < 1_000; pieces++) {
          ByteBuffer chunk = ByteBuffer.wrap(piece);
          try {
            reader.read(chunk, frames::add);
          } catch (FrameDecodingException e) {
            sent.write(piece, 0, chunk.position());
            if (afterHandshake || frames.isEmpty()) {
              return new Truncated(sent.toByteArray(), e.code());
            }
            break;
          }
          sent.writeBytes(piece);
          piece = Garbage.randomBytes(random, 4_096);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Garbage

  private static final class Garbage {

    private Garbage() {}

    /** Random bytes, frames of random bodies, or valid frames, mostly mutated. */
    static byte[] stream(SplittableRandom random) {
      return switch (random.nextInt(8)) {
        case 0 -> randomBytes(random, random.nextInt(64));
        case 1 -> randomBytes(random, random.nextInt(2_048));
        case 2, 3 -> plausible(random);
        case 4 -> validFrames(random, new ArrayList<>());
        default -> mutated(random);
      };
    }

    /** Frames of random bodies with small length prefixes, so that the bodies get parsed. */
    static byte[] plausible(SplittableRandom random) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        byte[] body = randomBytes(random, random.nextInt(random.nextBoolean() ? 4 : 48));
        if (body.length > 0 && random.nextBoolean()) {
          body[0] = (byte) (random.nextBoolean() ? 0x08 : 0x52 + 8 * random.nextInt(17));
        }
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(body);
      }
      return out.toByteArray();
    }

    static byte[] validFrames(SplittableRandom random, List<Integer> frameStarts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int count = 1 + random.nextInt(8);
      for (int i = 0; i < count; i++) {
        frameStarts.add(out.size());
        out.writeBytes(FrameCodec.encode(randomFrame(random)));
      }
      return out.toByteArray();
    }

    static byte[] mutated(SplittableRandom random) {
      List<Integer> starts = new ArrayList<>();
      byte[] bytes = validFrames(random, starts);
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations && bytes.length > 0; m++) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(6)) {
          case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
          case 1 -> bytes[at] = (byte) random.nextInt(256);
          case 2 -> bytes = Arrays.copyOf(bytes, at);
          case 3 -> {
            int start = starts.get(random.nextInt(starts.size()));
            if (start + 4 <= bytes.length) {
              int length =
                  switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> 0xFFFF_FFFF;
                    case 2 -> FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1;
                    case 3 -> ByteBuffer.wrap(bytes, start, 4).getInt() + random.nextInt(-2, 3);
                    default -> random.nextInt();
                  };
              ByteBuffer.wrap(bytes, start, 4).putInt(length);
            }
          }
          case 4 -> {
            byte[] replacement =
                randomBytes(random, Math.min(bytes.length - at, 1 + random.nextInt(16)));
            System.arraycopy(replacement, 0, bytes, at, replacement.length);
          }
          default ->
              bytes =
                  concat(
                      Arrays.copyOf(bytes, at),
                      concat(
                          randomBytes(random, 1 + random.nextInt(8)),
                          Arrays.copyOfRange(bytes, at, bytes.length)));
        }
      }
      return bytes;
    }

    /** A frame with a random body of any type, its fields filled at random from the schema. */
    static ClientFrame randomFrame(SplittableRandom random) {
      ClientFrame.Builder frame = ClientFrame.newBuilder();
      if (random.nextInt(8) != 0) {
        frame.setRequestId(random.nextInt(4) == 0 ? random.nextLong() : 3 + random.nextInt(100));
      }
      OneofDescriptor body = ClientFrame.getDescriptor().getOneofs().get(0);
      FieldDescriptor field = body.getField(random.nextInt(body.getFieldCount()));
      Message.Builder builder = frame.newBuilderForField(field);
      fill(builder, random, 0);
      return frame.setField(field, builder.build()).build();
    }

    private static void fill(Message.Builder builder, SplittableRandom random, int depth) {
      for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        if (field.isRepeated()) {
          for (int i = random.nextInt(4); i > 0; i--) {
            builder.addRepeatedField(field, value(builder, field, random, depth));
          }
        } else {
          builder.setField(field, value(builder, field, random, depth));
        }
      }
    }

    private static Object value(
        Message.Builder parent, FieldDescriptor field, SplittableRandom random, int depth) {
      return switch (field.getJavaType()) {
        case INT -> random.nextBoolean() ? random.nextInt(3) : random.nextInt();
        case LONG -> random.nextBoolean() ? (long) random.nextInt(3) : random.nextLong();
        case FLOAT -> (float) random.nextDouble();
        case DOUBLE -> random.nextDouble();
        case BOOLEAN -> random.nextBoolean();
        case STRING -> string(random);
        case BYTE_STRING -> ByteString.copyFrom(randomBytes(random, random.nextInt(16)));
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

    private static String string(SplittableRandom random) {
      int length =
          switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 4_090 + random.nextInt(10);
            case 2 -> 126 + random.nextInt(5);
            default -> random.nextInt(16);
          };
      if (length == 0 && random.nextBoolean()) {
        return " \t ";
      }
      boolean ascii = random.nextBoolean();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        int codePoint = ascii ? 0x20 + random.nextInt(0x5F) : random.nextInt(0x10_FFFF);
        text.appendCodePoint(codePoint >= 0xD800 && codePoint <= 0xDFFF ? 'x' : codePoint);
      }
      return text.toString();
    }

    static byte[] randomBytes(SplittableRandom random, int count) {
      byte[] bytes = new byte[count];
      for (int i = 0; i < count; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
      return bytes;
    }

    /** Sizes adding up to {@code length}: one chunk, single bytes, tiny or random chunks. */
    static List<Integer> chunkSizes(int length, SplittableRandom random) {
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

    /** The bytes as an unpooled heap, pooled direct or composite buffer. */
    static ByteBuf buffer(byte[] stream, int offset, int size, SplittableRandom random) {
      return switch (random.nextInt(4)) {
        // (An empty wrapped array would be the shared, unreleasable empty buffer.)
        case 0 -> size == 0 ? Unpooled.buffer(0) : Unpooled.wrappedBuffer(stream, offset, size);
        case 1 ->
            PooledByteBufAllocator.DEFAULT.directBuffer(size).writeBytes(stream, offset, size);
        case 2 -> PooledByteBufAllocator.DEFAULT.heapBuffer(size).writeBytes(stream, offset, size);
        default -> {
          CompositeByteBuf composite = Unpooled.compositeBuffer();
          int first = random.nextInt(size + 1);
          composite.addComponent(true, Unpooled.wrappedBuffer(stream, offset, first));
          composite.addComponent(
              true,
              PooledByteBufAllocator.DEFAULT
                  .directBuffer(size - first)
                  .writeBytes(stream, offset + first, size - first));
          yield composite;
        }
      };
    }
  }

  /** Every answer the channel writes, decoded by one reader over the connection's lifetime. */
  private static final class ServerFrames {

    private final FrameReader<ServerFrame> reader =
        FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    private final Queue<ServerFrame> frames = new ArrayDeque<>();

    /** Decodes and releases every buffer written so far; a malformed answer fails the test. */
    void drain(EmbeddedChannel channel) throws FrameDecodingException {
      for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
        assertThat(out).as("outbound messages are encoded frames").isInstanceOf(ByteBuf.class);
        ByteBuf bytes = (ByteBuf) out;
        try {
          reader.read(bytes.nioBuffer(), frames::add);
        } finally {
          bytes.release();
        }
      }
      for (ServerFrame frame : frames) {
        if (frame.hasError()) {
          assertThat(frame.getError().getCode())
              .as("a defined error code")
              .isNotIn(ErrorCode.ERROR_CODE_UNSPECIFIED, ErrorCode.UNRECOGNIZED);
        }
      }
    }

    ServerFrame next() {
      assertThat(frames).as("answers").isNotEmpty();
      return frames.remove();
    }

    List<ServerFrame> all() {
      List<ServerFrame> all = new ArrayList<>(frames);
      frames.clear();
      return all;
    }

    int buffered() {
      return reader.bufferedBytes();
    }
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
