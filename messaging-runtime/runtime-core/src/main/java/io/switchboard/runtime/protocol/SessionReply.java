package io.switchboard.runtime.protocol;

import java.util.List;

/**
 * What the server side of a connection must do after one input: send {@code frames} in order, then
 * close the connection if {@code closeConnection}.
 *
 * @param frames frames to send, in order; possibly empty
 * @param closeConnection whether to close the connection once the frames are sent
 */
public record SessionReply(List<ServerFrame> frames, boolean closeConnection) {

  public SessionReply {
    frames = List.copyOf(frames);
  }

  static SessionReply send(ServerFrame frame) {
    return new SessionReply(List.of(frame), false);
  }

  static SessionReply sendThenClose(ServerFrame frame) {
    return new SessionReply(List.of(frame), true);
  }

  static SessionReply closeSilently() {
    return new SessionReply(List.of(), true);
  }
}
