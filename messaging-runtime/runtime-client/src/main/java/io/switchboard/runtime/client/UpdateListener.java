package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.Update;

/**
 * Receives the updates of the client's user: every mailbox update exactly once in pts order, and
 * every post of each known channel exactly once in channel pts order, whether it was pushed or
 * fetched to fill a gap (after a reconnect, say).
 *
 * <p>Called on a client thread, never concurrently; it must return quickly and must not wait for
 * answers of the same client (they are read by the thread that calls it). An exception it throws is
 * logged and does not stop delivery.
 */
@FunctionalInterface
public interface UpdateListener {

  /** Ignores every update. */
  UpdateListener IGNORE = update -> {};

  /** One update: a {@code mailbox} update or a {@code channel_post}. */
  void onUpdate(Update update);
}
