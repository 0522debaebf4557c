package io.switchboard.runtime.protocol;

/**
 * Pushes updates to the authenticated sessions of a user that are connected to one gateway. The
 * {@link MessagingEndpoint} of that gateway is created with it.
 *
 * <p>Delivery is best effort by design: a session that is offline, closes meanwhile or is too slow
 * misses the push, and its client catches up with GetDifference / GetChannelDifference. The
 * publisher never blocks and never fails.
 */
@FunctionalInterface
public interface UpdatePublisher {

  /**
   * Pushes {@code update} to every session of {@code userId} on this gateway, the session that
   * caused the update included; does nothing if the user has none.
   *
   * <p>Ordering: the pushes of two calls reach each session in call order when one call happens
   * before the other. An endpoint therefore publishes a user's mailbox updates in pts order, and a
   * channel's posts in channel pts order, from one thread at a time per user (for example while
   * holding the mailbox's lock or from the shard's single writer thread).
   *
   * @param userId the user whose sessions get the update
   * @param update a mailbox update of that user, or a post of a channel the user is subscribed to
   */
  void publish(long userId, Update update);
}
