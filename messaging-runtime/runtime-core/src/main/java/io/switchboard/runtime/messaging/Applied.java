package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Optional;

/**
 * The result of applying one messaging command, kept by {@link MessagingState} until the service
 * that appended the command takes it.
 *
 * @param outcome what was decided
 * @param pushes the new updates, for the {@link UpdateListener}s
 * @param lanesWithNewEntries the outbox lanes the command added entries to, for the relay
 * @param relayed the command when it added outbox entries (the relay builds their deliveries from
 *     it), else empty
 */
record Applied(
    Outcome outcome,
    List<Push> pushes,
    List<OutboxLane> lanesWithNewEntries,
    Optional<Message> relayed) {

  /** One new update for one user. */
  record Push(long userId, Update update) {}

  Applied {
    pushes = List.copyOf(pushes);
    lanesWithNewEntries = List.copyOf(lanesWithNewEntries);
  }

  static Applied of(Outcome outcome) {
    return new Applied(outcome, List.of(), List.of(), Optional.empty());
  }
}
