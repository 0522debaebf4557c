package io.switchboard.runtime.protocol;

import java.util.List;

/**
 * What the server side of a connection must do after one input: send {@code frames} in order, then,
 * if {@code closeConnection}, close the connection once the last of them has been written.
 *
 * <p>Invariant: a reply that closes the connection sends at least one frame (the fatal error), so
 * the client always learns why it was disconnected.
 *
 * @param frames frames to send, in order; possibly empty
 * @param closeConnection whether to close the connection after the frames are written
 */
public record SessionReply(List<ServerFrame> frames, boolean closeConnection) {

  public SessionReply {
    frames = List.copyOf(frames);
    if (closeConnection && frames.isEmpty()) {
      throw new IllegalArgumentException("a connection is closed only after an error frame");
    }
  }

  static SessionReply send(ServerFrame frame) {
    return new SessionReply(List.of(frame), false);
  }

  static SessionReply sendThenClose(ServerFrame frame) {
    return new SessionReply(List.of(frame), true);
  }

  static SessionReply nothing() {
    return new SessionReply(List.of(), false);
  }
}
