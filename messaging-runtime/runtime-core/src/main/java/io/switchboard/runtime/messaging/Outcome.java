package io.switchboard.runtime.messaging;

import io.switchboard.runtime.store.LogPosition;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What applying one command decided. Derived state, like everything the log rebuilds: the service
 * turns it into the client's answer.
 */
sealed interface Outcome {

  /** The command changed nothing because of {@code rejection}. */
  record Rejected(Rejection rejection, String detail) implements Outcome {}

  /** A user was registered with {@code userId}. */
  record UserRegistered(long userId) implements Outcome {}

  /** A group or channel was created with {@code id}. */
  record Created(long id) implements Outcome {}

  /**
   * A message was accepted, now or earlier: {@code duplicateOf} is the position of the original
   * command when this one was a retry (and then it changed nothing).
   *
   * @param senderPts pts of the sender's copy, when the sender's mailbox is on this shard
   */
  record MessageAccepted(OptionalInt senderPts, Optional<LogPosition> duplicateOf)
      implements Outcome {}

  /** A channel post was accepted with {@code pts}, now or (when a retry) earlier. */
  record PostAccepted(int pts, Optional<LogPosition> duplicateOf) implements Outcome {}

  /** A change that has no value to report took effect, or was already in effect. */
  record Done() implements Outcome {}
}
