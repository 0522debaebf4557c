package io.switchboard.runtime.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server side of a connection must do after one input: send {@code frames} in order, then,
 * if {@code closeConnection}, close the connection once the last of them has been written; or hand
 * {@code operation} to the messaging endpoint, whose answer is sent later.
 *
 * <p>Invariants: a reply that closes the connection sends at least one frame (the fatal error), so
 * the client always learns why it was disconnected; a reply with an operation sends nothing and
 * keeps the connection, because the operation's answer is the reply to its request.
 *
 * @param frames frames to send, in order; possibly empty
 * @param closeConnection whether to close the connection after the frames are written
 * @param operation the allowed request to carry out, if any
 */
public record SessionReply(
    List<ServerFrame> frames, boolean closeConnection, Optional<Operation> operation) {

  public SessionReply {
    frames = List.copyOf(frames);
    Objects.requireNonNull(operation, "operation");
    if (closeConnection && frames.isEmpty()) {
      throw new IllegalArgumentException("a connection is closed only after an error frame");
    }
    if (operation.isPresent() && (closeConnection || !frames.isEmpty())) {
      throw new IllegalArgumentException("an operation is answered by the endpoint, not at once");
    }
  }

  static SessionReply send(ServerFrame frame) {
    return new SessionReply(List.of(frame), false, Optional.empty());
  }

  static SessionReply sendThenClose(ServerFrame frame) {
    return new SessionReply(List.of(frame), true, Optional.empty());
  }

  static SessionReply nothing() {
    return new SessionReply(List.of(), false, Optional.empty());
  }

  static SessionReply carryOut(Operation operation) {
    return new SessionReply(List.of(), false, Optional.of(operation));
  }
}
