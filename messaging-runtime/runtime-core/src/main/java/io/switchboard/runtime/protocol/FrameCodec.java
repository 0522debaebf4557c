package io.switchboard.runtime.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Frames protobuf messages for the gateway wire (see {@code gateway.proto}): a 4-byte unsigned
 * big-endian length {@code N} followed by the {@code N} bytes of one serialized message.
 *
 * <p>Pure and stateless: no I/O, safe to use from any thread. The incremental inverse is {@link
 * FrameReader}.
 */
public final class FrameCodec {

  /** The gateway protocol version this code speaks; {@code gateway.proto} is version 1. */
  public static final int PROTOCOL_VERSION = 1;

  /** Largest frame body a gateway accepts unless configured otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

  /** Size of the length prefix in front of every frame body. */
  public static final int HEADER_BYTES = 4;

  private FrameCodec() {}

  /**
   * Encodes one message as a complete frame.
   *
   * @return a new array of {@code HEADER_BYTES + message.getSerializedSize()} bytes: the body
   *     length in big-endian order, then the body
   */
  public static byte[] encode(MessageLite message) {
    int bodyBytes = message.getSerializedSize();
    byte[] frame = new byte[HEADER_BYTES + bodyBytes];
    ByteBuffer.wrap(frame).putInt(bodyBytes);
    CodedOutputStream body = CodedOutputStream.newInstance(frame, HEADER_BYTES, bodyBytes);
    try {
      message.writeTo(body);
    } catch (IOException e) {
      throw new UncheckedIOException("serializing into an array of its exact size failed", e);
    }
    body.checkNoSpaceLeft();
    return frame;
  }
}
