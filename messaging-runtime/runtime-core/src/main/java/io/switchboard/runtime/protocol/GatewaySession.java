package io.switchboard.runtime.protocol;

import java.util.List;

/**
 * Server side of one gateway connection as a pure, deterministic state machine: each decoded input
 * yields the {@link SessionReply} to carry out. No I/O, no clock.
 *
 * <p>States: {@code AWAITING_HANDSHAKE} (initial) → {@code ESTABLISHED} after an accepted
 * handshake; any fatal error leads to {@code CLOSED}, which is final and ignores all further input.
 *
 * <p>Algorithm for {@link #onFrame}, first matching step wins:
 *
 * <ol>
 *   <li>{@code CLOSED}: send nothing, close.
 *   <li>No body set: {@link ErrorCode#MALFORMED_FRAME}, fatal.
 *   <li>{@code AWAITING_HANDSHAKE} and the body is not a handshake: {@link
 *       ErrorCode#HANDSHAKE_REQUIRED}, fatal.
 *   <li>{@code request_id} is 0: {@link ErrorCode#INVALID_REQUEST_ID}, not fatal; state unchanged.
 *   <li>Handshake while {@code ESTABLISHED}: {@link ErrorCode#ALREADY_HANDSHAKEN}, not fatal.
 *   <li>Handshake with a version outside {@link #SUPPORTED_PROTOCOL_VERSIONS}: {@link
 *       ErrorCode#UNSUPPORTED_PROTOCOL_VERSION}, fatal; the message lists the supported versions.
 *   <li>Handshake: answer {@link HandshakeAccepted} and become {@code ESTABLISHED}.
 *   <li>Ping: answer a {@link Pong} with the same payload.
 * </ol>
 *
 * <p>Every answer carries the request's {@code request_id}; fatal errors about the connection
 * itself (framing errors, frames after the session failed) carry {@code request_id} 0.
 *
 * <p>Not thread-safe: one session per connection, driven by one thread at a time.
 */
public final class GatewaySession {

  /** Protocol versions a gateway accepts in a handshake. */
  public static final List<Integer> SUPPORTED_PROTOCOL_VERSIONS =
      List.of(FrameCodec.PROTOCOL_VERSION);

  private enum State {
    AWAITING_HANDSHAKE,
    ESTABLISHED,
    CLOSED
  }

  private final GatewayParameters parameters;
  private State state = State.AWAITING_HANDSHAKE;

  public GatewaySession(GatewayParameters parameters) {
    this.parameters = parameters;
  }

  /** Whether a handshake was accepted and no fatal error has happened since. */
  public boolean isEstablished() {
    return state == State.ESTABLISHED;
  }

  /** Whether a fatal error ended the session; the connection must be closed. */
  public boolean isClosed() {
    return state == State.CLOSED;
  }

  /** Handles one decoded frame; see the class Javadoc for the rules. */
  public SessionReply onFrame(ClientFrame frame) {
    long requestId = frame.getRequestId();
    if (state == State.CLOSED) {
      return SessionReply.closeSilently();
    }
    if (frame.getBodyCase() == ClientFrame.BodyCase.BODY_NOT_SET) {
      return fatal(requestId, ErrorCode.MALFORMED_FRAME, "frame has no body set");
    }
    if (state == State.AWAITING_HANDSHAKE && !frame.hasHandshake()) {
      return fatal(
          requestId,
          ErrorCode.HANDSHAKE_REQUIRED,
          "the first frame of a connection must be a handshake, got " + frame.getBodyCase());
    }
    if (requestId == 0) {
      return SessionReply.send(
          error(0, ErrorCode.INVALID_REQUEST_ID, "request_id must be non-zero"));
    }
    return switch (frame.getBodyCase()) {
      case HANDSHAKE -> onHandshake(requestId, frame.getHandshake());
      case PING -> SessionReply.send(pong(requestId, frame.getPing()));
      case BODY_NOT_SET -> throw new IllegalStateException("checked above");
    };
  }

  /**
   * Handles input that could not be decoded into a frame. Always fatal: the error goes out with
   * {@code request_id} 0 because the connection itself is at fault.
   */
  public SessionReply onUndecodableInput(FrameDecodingException failure) {
    if (state == State.CLOSED) {
      return SessionReply.closeSilently();
    }
    return fatal(0, failure.code(), failure.getMessage());
  }

  private SessionReply onHandshake(long requestId, Handshake handshake) {
    if (state == State.ESTABLISHED) {
      return SessionReply.send(
          error(requestId, ErrorCode.ALREADY_HANDSHAKEN, "the connection is already established"));
    }
    int version = handshake.getProtocolVersion();
    if (!SUPPORTED_PROTOCOL_VERSIONS.contains(version)) {
      return fatal(
          requestId,
          ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
          "protocol version "
              + Integer.toUnsignedString(version)
              + " is not supported; supported versions: "
              + SUPPORTED_PROTOCOL_VERSIONS);
    }
    state = State.ESTABLISHED;
    return SessionReply.send(
        ServerFrame.newBuilder()
            .setRequestId(requestId)
            .setHandshakeAccepted(
                HandshakeAccepted.newBuilder()
                    .setProtocolVersion(version)
                    .setNodeId(parameters.nodeId())
                    .setDc(parameters.dc())
                    .setMaxFrameBytes(parameters.maxFrameBytes())
                    .setIdleTimeoutSeconds(parameters.idleTimeoutSeconds()))
            .build());
  }

  private SessionReply fatal(long requestId, ErrorCode code, String message) {
    state = State.CLOSED;
    return SessionReply.sendThenClose(error(requestId, code, message));
  }

  private static ServerFrame pong(long requestId, Ping ping) {
    return ServerFrame.newBuilder()
        .setRequestId(requestId)
        .setPong(Pong.newBuilder().setPayload(ping.getPayload()))
        .build();
  }

  private static ServerFrame error(long requestId, ErrorCode code, String message) {
    return ServerFrame.newBuilder()
        .setRequestId(requestId)
        .setError(Error.newBuilder().setCode(code).setMessage(message))
        .build();
  }
}
