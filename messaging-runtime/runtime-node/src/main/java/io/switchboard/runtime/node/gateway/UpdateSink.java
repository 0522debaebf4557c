package io.switchboard.runtime.node.gateway;

import io.switchboard.runtime.protocol.Update;

/** A session that updates can be pushed to; the {@link SessionRegistry} holds them by user. */
interface UpdateSink {

  /**
   * Pushes {@code update} to the session's client, in the order of the calls; callable from any
   * thread, never blocks, never fails. A session that has closed drops it.
   */
  void push(Update update);
}
