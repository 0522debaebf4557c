package io.switchboard.runtime.protocol;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Server side of one gateway connection as a pure, deterministic state machine: each input yields
 * the {@link SessionReply} to carry out. No I/O and no clock: the handshake deadline is an input
 * ({@link #onHandshakeDeadline()}) that the caller raises when its own timer fires, and the
 * messaging endpoint's answers are inputs ({@link #onOperationCompleted}) too.
 *
 * <p>States:
 *
 * <pre>
 *   AWAITING_HANDSHAKE ─handshake─► ESTABLISHED ─Register/Authenticate─► AUTHENTICATING
 *                                        ▲                                    │
 *                                        └──────────── refused ───────────────┤
 *                                                                 accepted    ▼
 *                                                                       AUTHENTICATED
 * </pre>
 *
 * A fatal error in any state leads to {@code CLOSED}, which is final. In {@code CLOSED} every input
 * yields {@link SessionReply#nothing() nothing}: no frame and no further close instruction, because
 * the connection already closes once the fatal error frame is written. While {@code AUTHENTICATING}
 * the caller holds further frames back ({@link #isAuthenticating()}) until the authentication's
 * answer has been passed to {@link #onOperationCompleted}.
 *
 * <p>Algorithm for {@link #onFrame}, first matching step wins:
 *
 * <ol>
 *   <li>{@code CLOSED}: nothing.
 *   <li>{@code AWAITING_HANDSHAKE} and the body is not a handshake: {@link
 *       ErrorCode#HANDSHAKE_REQUIRED}.
 *   <li>{@code request_id} is 0: {@link ErrorCode#INVALID_REQUEST_ID}; the state is unchanged.
 *   <li>Handshake once established: {@link ErrorCode#ALREADY_HANDSHAKEN}.
 *   <li>Handshake with a version outside {@link #SUPPORTED_PROTOCOL_VERSIONS}: {@link
 *       ErrorCode#UNSUPPORTED_PROTOCOL_VERSION}; the message lists the supported versions.
 *   <li>Handshake: answer {@link HandshakeAccepted} and become {@code ESTABLISHED}.
 *   <li>Ping: answer a {@link Pong} with the same payload.
 *   <li>Register or Authenticate while {@code AUTHENTICATED}: {@link
 *       ErrorCode#ALREADY_AUTHENTICATED}.
 *   <li>Any other operation while not {@code AUTHENTICATED}: {@link ErrorCode#AUTH_REQUIRED}.
 *   <li>A field rule broken ({@link RequestRules#check}): the rule's error.
 *   <li>Register or Authenticate: become {@code AUTHENTICATING} and hand the {@link Operation} over
 *       (with user 0).
 *   <li>Any other operation: hand the {@link Operation} over with the authenticated user.
 * </ol>
 *
 * <p>{@link #onOperationCompleted} passes the endpoint's answer on. For Register and Authenticate
 * it also decides the authentication: a {@code registered} or {@code authenticated} answer naming a
 * user makes the session {@code AUTHENTICATED} as that user; an error answer returns it to {@code
 * ESTABLISHED}; a success naming user 0 is the endpoint's bug, answered {@link ErrorCode#INTERNAL}
 * and treated as an error.
 *
 * <p>{@link #onUpdate} turns a pushed update into a frame with {@code request_id} 0, in {@code
 * AUTHENTICATED} only.
 *
 * <p>Error rules, the same for every input:
 *
 * <ul>
 *   <li>{@code request_id}: an error answers the request whose {@code request_id} it carries. It
 *       carries 0 when there is no decoded request to answer ({@link #onUndecodableInput}, {@link
 *       #onHandshakeDeadline}) and when the request it answers carried 0 itself.
 *   <li>Closing: determined by the error code alone. A code in {@link #FATAL_ERROR_CODES} moves the
 *       session to {@code CLOSED} and the reply closes the connection after the error frame; any
 *       other code leaves the state unchanged and the connection open.
 * </ul>
 *
 * <p>Not thread-safe: one session per connection, driven by one thread at a time.
 */
public final class GatewaySession {

  /** Protocol versions a gateway accepts in a handshake. */
  public static final List<Integer> SUPPORTED_PROTOCOL_VERSIONS =
      List.of(FrameCodec.PROTOCOL_VERSION);

  /** Error codes after which the gateway closes the connection; every other code is not fatal. */
  public static final Set<ErrorCode> FATAL_ERROR_CODES =
      Collections.unmodifiableSet(
          EnumSet.of(
              ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
              ErrorCode.HANDSHAKE_REQUIRED,
              ErrorCode.MALFORMED_FRAME,
              ErrorCode.FRAME_TOO_LARGE,
              ErrorCode.HANDSHAKE_TIMEOUT));

  private enum State {
    AWAITING_HANDSHAKE,
    ESTABLISHED,
    AUTHENTICATING,
    AUTHENTICATED,
    CLOSED
  }

  private final GatewayParameters parameters;
  private State state = State.AWAITING_HANDSHAKE;
  private long userId;

  public GatewaySession(GatewayParameters parameters) {
    this.parameters = parameters;
  }

  /** Whether a handshake was accepted and no fatal error has happened since. */
  public boolean isEstablished() {
    return state == State.ESTABLISHED
        || state == State.AUTHENTICATING
        || state == State.AUTHENTICATED;
  }

  /**
   * Whether a Register or Authenticate is being carried out: until its answer has been passed to
   * {@link #onOperationCompleted}, the caller must not pass further frames to {@link #onFrame}.
   */
  public boolean isAuthenticating() {
    return state == State.AUTHENTICATING;
  }

  /** The user the connection is authenticated as; empty before authentication and once closed. */
  public OptionalLong authenticatedUser() {
    return state == State.AUTHENTICATED ? OptionalLong.of(userId) : OptionalLong.empty();
  }

  /** Whether a fatal error ended the session; the connection closes after the error frame. */
  public boolean isClosed() {
    return state == State.CLOSED;
  }

  /**
   * Handles one decoded frame; see the class Javadoc for the rules.
   *
   * @param frame a frame with its {@code body} set, as {@link FrameReader} delivers them: a frame
   *     without a body is undecodable input, which the reader reports as {@link
   *     ErrorCode#MALFORMED_FRAME}
   * @throws IllegalArgumentException if {@code frame} has no body
   * @throws IllegalStateException while {@link #isAuthenticating()}
   */
  public SessionReply onFrame(ClientFrame frame) {
    if (frame.getBodyCase() == ClientFrame.BodyCase.BODY_NOT_SET) {
      throw new IllegalArgumentException("frame has no body; FrameReader rejects such frames");
    }
    long requestId = frame.getRequestId();
    if (state == State.CLOSED) {
      return SessionReply.nothing();
    }
    if (state == State.AUTHENTICATING) {
      throw new IllegalStateException("hold frames back until the authentication is answered");
    }
    if (state == State.AWAITING_HANDSHAKE && !frame.hasHandshake()) {
      return reject(
          requestId,
          ErrorCode.HANDSHAKE_REQUIRED,
          "the first frame of a connection must be a handshake, got " + frame.getBodyCase());
    }
    if (requestId == 0) {
      return reject(requestId, ErrorCode.INVALID_REQUEST_ID, "request_id must be non-zero");
    }
    return switch (frame.getBodyCase()) {
      case HANDSHAKE -> onHandshake(requestId, frame.getHandshake());
      case PING -> SessionReply.send(pong(requestId, frame.getPing()));
      case BODY_NOT_SET -> throw new IllegalStateException("checked on entry");
      default -> onOperationRequest(requestId, frame);
    };
  }

  /**
   * Passes on the endpoint's answer to an operation this session handed over, and for Register and
   * Authenticate decides the authentication; see the class Javadoc. Nothing once {@code CLOSED}.
   *
   * @param operation an operation from this session's {@link SessionReply#operation()}
   * @param answer the answer to it (from {@link OperationDispatcher}), with its request id
   * @throws IllegalArgumentException if the answer carries another request id
   * @throws IllegalStateException for an authentication while not {@link #isAuthenticating()}
   */
  public SessionReply onOperationCompleted(Operation operation, ServerFrame answer) {
    if (answer.getRequestId() != operation.requestId()) {
      throw new IllegalArgumentException(
          "answer to request " + answer.getRequestId() + " for request " + operation.requestId());
    }
    if (state == State.CLOSED) {
      return SessionReply.nothing();
    }
    if (!operation.isAuthentication()) {
      return SessionReply.send(answer);
    }
    if (state != State.AUTHENTICATING) {
      throw new IllegalStateException("no authentication is being carried out");
    }
    long user =
        switch (answer.getBodyCase()) {
          case REGISTERED -> answer.getRegistered().getUserId();
          case AUTHENTICATED -> answer.getAuthenticated().getUserId();
          default -> 0;
        };
    if (user == 0) {
      state = State.ESTABLISHED;
      return SessionReply.send(answer.hasError() ? answer : authenticatedNobody(answer));
    }
    state = State.AUTHENTICATED;
    userId = user;
    return SessionReply.send(answer);
  }

  /**
   * Turns an update for this session's user into a push frame ({@code request_id} 0) while {@code
   * AUTHENTICATED}; nothing in any other state.
   */
  public SessionReply onUpdate(Update update) {
    if (state != State.AUTHENTICATED) {
      return SessionReply.nothing();
    }
    return SessionReply.send(ServerFrame.newBuilder().setRequestId(0).setUpdate(update).build());
  }

  /**
   * Handles input that could not be decoded into a frame: {@code failure.code()} (fatal) with
   * {@code request_id} 0, or nothing once {@code CLOSED}.
   */
  public SessionReply onUndecodableInput(FrameDecodingException failure) {
    if (state == State.CLOSED) {
      return SessionReply.nothing();
    }
    return reject(0, failure.code(), failure.getMessage());
  }

  /**
   * Handles the end of the handshake deadline, which the caller raises once, a fixed time after the
   * connection opened. {@code AWAITING_HANDSHAKE}: {@link ErrorCode#HANDSHAKE_TIMEOUT} (fatal) with
   * {@code request_id} 0. Otherwise nothing: the handshake was accepted, or the session already
   * ended.
   */
  public SessionReply onHandshakeDeadline() {
    if (state != State.AWAITING_HANDSHAKE) {
      return SessionReply.nothing();
    }
    return reject(
        0,
        ErrorCode.HANDSHAKE_TIMEOUT,
        "no handshake was accepted within the gateway's handshake deadline");
  }

  private SessionReply onHandshake(long requestId, Handshake handshake) {
    // Any established state: an authenticated connection keeps its version and its user too.
    if (isEstablished()) {
      return reject(
          requestId, ErrorCode.ALREADY_HANDSHAKEN, "the connection is already established");
    }
    int version = handshake.getProtocolVersion();
    if (!SUPPORTED_PROTOCOL_VERSIONS.contains(version)) {
      return reject(
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

  private SessionReply onOperationRequest(long requestId, ClientFrame frame) {
    boolean authentication = Operation.isAuthentication(frame.getBodyCase());
    if (authentication && state == State.AUTHENTICATED) {
      return reject(
          requestId,
          ErrorCode.ALREADY_AUTHENTICATED,
          "the connection is already authenticated as user " + Long.toUnsignedString(userId));
    }
    if (!authentication && state != State.AUTHENTICATED) {
      return reject(
          requestId,
          ErrorCode.AUTH_REQUIRED,
          frame.getBodyCase() + " needs an authenticated connection: Register or Authenticate");
    }
    Optional<Error> broken = RequestRules.check(frame, userId);
    if (broken.isPresent()) {
      return reject(requestId, broken.get().getCode(), broken.get().getMessage());
    }
    if (authentication) {
      state = State.AUTHENTICATING;
      return SessionReply.carryOut(new Operation(requestId, 0, frame));
    }
    return SessionReply.carryOut(new Operation(requestId, userId, frame));
  }

  private static ServerFrame authenticatedNobody(ServerFrame answer) {
    return ServerFrame.newBuilder()
        .setRequestId(answer.getRequestId())
        .setError(
            Error.newBuilder()
                .setCode(ErrorCode.INTERNAL)
                .setMessage("the messaging service authenticated no user"))
        .build();
  }

  /** Answers with an error; a fatal code also ends the session and closes the connection. */
  private SessionReply reject(long requestId, ErrorCode code, String message) {
    ServerFrame error =
        ServerFrame.newBuilder()
            .setRequestId(requestId)
            .setError(Error.newBuilder().setCode(code).setMessage(message))
            .build();
    if (!FATAL_ERROR_CODES.contains(code)) {
      return SessionReply.send(error);
    }
    state = State.CLOSED;
    return SessionReply.sendThenClose(error);
  }

  private static ServerFrame pong(long requestId, Ping ping) {
    return ServerFrame.newBuilder()
        .setRequestId(requestId)
        .setPong(Pong.newBuilder().setPayload(ping.getPayload()))
        .build();
  }
}
