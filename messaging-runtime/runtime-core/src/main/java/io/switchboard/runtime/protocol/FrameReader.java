package io.switchboard.runtime.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Incremental decoder of a framed byte stream (the inverse of {@link FrameCodec}). Accepts chunks
 * split at arbitrary byte boundaries and yields every complete, valid frame in order.
 *
 * <p>Algorithm, for each byte of a chunk:
 *
 * <ol>
 *   <li>While the 4-byte header is incomplete, copy bytes into it.
 *   <li>When the header is complete, read it as an unsigned 32-bit length. A length above {@code
 *       maxFrameBytes} fails with {@link ErrorCode#FRAME_TOO_LARGE} at once, before any body byte
 *       is buffered; otherwise a body buffer of exactly that length is allocated.
 *   <li>Copy bytes into the body buffer. When it is full, parse it. A body that does not parse, or
 *       parses to a message without its {@code body} oneof set (an empty body, or one whose only
 *       field is a body type of a later protocol version, skipped as unknown), fails with {@link
 *       ErrorCode#MALFORMED_FRAME}; a valid message goes to the sink.
 *   <li>Reset to step 1 for the next frame.
 * </ol>
 *
 * <p>This is the one place that enforces "every frame has a body": what reaches the sink always has
 * one, and {@link GatewaySession#onFrame} takes that as a precondition.
 *
 * <p>Invariants: at most {@code maxFrameBytes + HEADER_BYTES} bytes are buffered at any time;
 * frames reach the sink in stream order, and every frame completed before a failure reaches the
 * sink before the exception is thrown. After a failure the reader is unusable (the stream cannot be
 * resynchronised) and further reads throw {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one reader per connection, fed by one thread at a time.
 *
 * @param <T> the message type every frame body carries
 */
public final class FrameReader<T extends MessageLite> {

  private final int maxFrameBytes;
  private final Parser<T> parser;
  private final Predicate<T> hasBody;
  private final ByteBuffer header = ByteBuffer.allocate(FrameCodec.HEADER_BYTES);
  private ByteBuffer body;
  private boolean failed;

  /**
   * @param maxFrameBytes largest accepted body length, at least 1
   * @param parser parses one frame body
   * @param hasBody whether a parsed message carries a body; messages without one are malformed
   */
  public FrameReader(int maxFrameBytes, Parser<T> parser, Predicate<T> hasBody) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    this.parser = parser;
    this.hasBody = hasBody;
  }

  /** A reader of the frames a client sends to a gateway. */
  public static FrameReader<ClientFrame> forClientFrames(int maxFrameBytes) {
    return new FrameReader<>(
        maxFrameBytes,
        ClientFrame.parser(),
        frame -> frame.getBodyCase() != ClientFrame.BodyCase.BODY_NOT_SET);
  }

  /** A reader of the frames a gateway sends to a client. */
  public static FrameReader<ServerFrame> forServerFrames(int maxFrameBytes) {
    return new FrameReader<>(
        maxFrameBytes,
        ServerFrame.parser(),
        frame -> frame.getBodyCase() != ServerFrame.BodyCase.BODY_NOT_SET);
  }

  /**
   * Consumes every remaining byte of {@code chunk} (its position ends at its limit unless a frame
   * fails) and passes each frame it completes to {@code sink}.
   *
   * @throws FrameDecodingException when the stream violates the framing rules; the reader is then
   *     unusable
   * @throws IllegalStateException when an earlier read failed
   */
  public void read(ByteBuffer chunk, Consumer<? super T> sink) throws FrameDecodingException {
    if (failed) {
      throw new IllegalStateException("an earlier frame failed to decode; the stream is unusable");
    }
    while (chunk.hasRemaining()) {
      if (body == null) {
        copyInto(header, chunk);
        if (!header.hasRemaining()) {
          body = ByteBuffer.allocate(announcedLength());
        }
      }
      if (body != null) {
        copyInto(body, chunk);
        if (!body.hasRemaining()) {
          sink.accept(parseBody());
          header.clear();
          body = null;
        }
      }
    }
  }

  /** Number of bytes held for the frame in progress: header bytes plus body bytes received. */
  public int bufferedBytes() {
    return header.position() + (body == null ? 0 : body.position());
  }

  private int announcedLength() throws FrameDecodingException {
    long length = Integer.toUnsignedLong(header.getInt(0));
    if (length > maxFrameBytes) {
      throw fail(
          new FrameDecodingException(
              ErrorCode.FRAME_TOO_LARGE,
              "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes + " bytes"));
    }
    return (int) length;
  }

  private T parseBody() throws FrameDecodingException {
    T message;
    try {
      message = parser.parseFrom(body.array());
    } catch (InvalidProtocolBufferException e) {
      throw fail(
          new FrameDecodingException(
              ErrorCode.MALFORMED_FRAME,
              "frame body is not a valid message: " + e.getMessage(),
              e));
    }
    if (!hasBody.test(message)) {
      throw fail(new FrameDecodingException(ErrorCode.MALFORMED_FRAME, "frame has no body set"));
    }
    return message;
  }

  private FrameDecodingException fail(FrameDecodingException exception) {
    failed = true;
    body = null;
    return exception;
  }

  private static void copyInto(ByteBuffer target, ByteBuffer source) {
    int count = Math.min(target.remaining(), source.remaining());
    target.put(target.position(), source, source.position(), count);
    target.position(target.position() + count);
    source.position(source.position() + count);
  }
}
