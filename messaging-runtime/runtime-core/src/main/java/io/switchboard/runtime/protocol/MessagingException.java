package io.switchboard.runtime.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the messaging service refused, with the protocol error that tells the client why. A
 * {@link MessagingEndpoint} completes its future exceptionally with one; the gateway answers the
 * request with an {@link Error} of the same code and message.
 *
 * <p>Invariant: a {@link Redirect} is present exactly for {@link ErrorCode#WRONG_SHARD}. The codes
 * the gateway decides itself before the endpoint sees a request (connection and handshake codes,
 * {@link ErrorCode#AUTH_REQUIRED}, {@link ErrorCode#ALREADY_AUTHENTICATED}) are not accepted.
 */
public final class MessagingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Redirect redirect;

  /**
   * @param code why the request was refused; not {@link ErrorCode#WRONG_SHARD}, which needs {@link
   *     #wrongShard}
   * @param message a sentence for a person
   */
  public MessagingException(ErrorCode code, String message) {
    this(code, message, null);
  }

  private MessagingException(ErrorCode code, String message, Redirect redirect) {
    super(Objects.requireNonNull(message, "message"));
    Objects.requireNonNull(code, "code");
    if (!isEndpointCode(code)) {
      throw new IllegalArgumentException(code + " is not an error a messaging service reports");
    }
    if ((code == ErrorCode.WRONG_SHARD) != (redirect != null)) {
      throw new IllegalArgumentException("a redirect goes with WRONG_SHARD and only with it");
    }
    this.code = code;
    this.redirect = redirect;
  }

  /** The node does not host the shard; {@code redirect} says who leads it under which map. */
  public static MessagingException wrongShard(Redirect redirect) {
    Objects.requireNonNull(redirect, "redirect");
    return new MessagingException(
        ErrorCode.WRONG_SHARD,
        "shard "
            + redirect.getShard()
            + " is led by node "
            + redirect.getNodeId()
            + " under shard map version "
            + redirect.getShardMapVersion(),
        redirect);
  }

  public ErrorCode code() {
    return code;
  }

  /** Where the shard lives; present for {@link ErrorCode#WRONG_SHARD} only. */
  public Optional<Redirect> redirect() {
    return Optional.ofNullable(redirect);
  }

  /** The error frame body that reports this refusal to the client. */
  public Error toError() {
    Error.Builder error = Error.newBuilder().setCode(code).setMessage(getMessage());
    redirect().ifPresent(error::setRedirect);
    return error.build();
  }

  private static boolean isEndpointCode(ErrorCode code) {
    return switch (code) {
      case AUTH_INVALID,
          INVALID_ARGUMENT,
          PEER_UNKNOWN,
          TEXT_TOO_LONG,
          GROUP_TOO_LARGE,
          FORBIDDEN,
          WRONG_SHARD,
          UNAVAILABLE,
          INTERNAL ->
          true;
      default -> false;
    };
  }
}
