package io.switchboard.runtime.protocol;

import java.util.Objects;

/**
 * A request that {@link GatewaySession} allowed and that the {@link MessagingEndpoint} must carry
 * out: a registration or authentication of an unauthenticated connection, or a user operation of an
 * authenticated one. Its answer goes back through {@link GatewaySession#onOperationCompleted}.
 *
 * @param requestId the request's non-zero id, echoed by the answer
 * @param userId the authenticated caller; 0 for {@link #isAuthentication() authentications}
 * @param request the request frame, valid by {@link RequestRules}
 */
public record Operation(long requestId, long userId, ClientFrame request) {

  public Operation {
    Objects.requireNonNull(request, "request");
    if (!isOperation(request.getBodyCase())) {
      throw new IllegalArgumentException(request.getBodyCase() + " is not an operation");
    }
    if (requestId == 0) {
      throw new IllegalArgumentException("an operation answers a request with a non-zero id");
    }
    if (isAuthentication(request.getBodyCase()) != (userId == 0)) {
      throw new IllegalArgumentException(
          "Register and Authenticate run without a user, every other operation with one: "
              + request.getBodyCase()
              + " as user "
              + userId);
    }
  }

  /** Whether this is Register or Authenticate, which authenticate the connection on success. */
  public boolean isAuthentication() {
    return isAuthentication(request.getBodyCase());
  }

  /** Whether requests with this body are operations: anything but a handshake or a ping. */
  static boolean isOperation(ClientFrame.BodyCase body) {
    return switch (body) {
      case HANDSHAKE, PING, BODY_NOT_SET -> false;
      default -> true;
    };
  }

  /** Whether requests with this body are Register or Authenticate. */
  static boolean isAuthentication(ClientFrame.BodyCase body) {
    return body == ClientFrame.BodyCase.REGISTER || body == ClientFrame.BodyCase.AUTHENTICATE;
  }
}
