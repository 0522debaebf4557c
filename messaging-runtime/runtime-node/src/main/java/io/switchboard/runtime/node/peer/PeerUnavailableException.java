package io.switchboard.runtime.node.peer;

/**
 * A call to a peer did not get an answer: the peer is unknown, unreachable, its connection closed
 * before the answer, or the answer did not come in time. The call may or may not have taken effect.
 */
public final class PeerUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PeerUnavailableException(String message) {
    super(message);
  }

  public PeerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
