package io.switchboard.runtime.protocol;

/**
 * A byte stream that violates the framing rules of the gateway protocol. Always fatal for the
 * connection: the stream cannot be resynchronised after it.
 *
 * <p>{@link #code()} is {@link ErrorCode#FRAME_TOO_LARGE} or {@link ErrorCode#MALFORMED_FRAME}.
 */
public final class FrameDecodingException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public FrameDecodingException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public FrameDecodingException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The protocol error code to report to the peer. */
  public ErrorCode code() {
    return code;
  }
}
