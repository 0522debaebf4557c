package io.switchboard.runtime.messaging;

/**
 * Receives every new update for a user once its command is durable and applied: each new mailbox
 * message (for its owner) and each channel post (once per subscriber at that moment). The gateway
 * pushes these to the user's online sessions; an offline user catches up with getDifference.
 *
 * <p>Called on the service's executor, one update at a time and in log order, so a user's mailbox
 * updates arrive in pts order; only after the command is durable and readable, so a client that
 * reacts with getDifference finds it. A listener must be quick (it holds up the updates behind it)
 * and must not throw (a thrown exception is logged and the update dropped for that listener).
 * Replays after a restart report nothing: clients catch up with getDifference.
 */
@FunctionalInterface
public interface UpdateListener {

  void onUpdate(long userId, Update update);
}
