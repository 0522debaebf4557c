package io.switchboard.runtime.messaging;

import io.switchboard.runtime.messaging.log.RegisterUser;

/** Apply-time rules of REGISTER_USER. */
final class AccountCommands {

  private AccountCommands() {}

  /** Allocates the shard's next id for a new user with an empty mailbox. */
  static Outcome register(CommandContext context, RegisterUser command) {
    byte[] tokenHash = command.getTokenHash().toByteArray();
    if (tokenHash.length != User.TOKEN_HASH_BYTES) {
      return CommandContext.rejected(
          Rejection.MALFORMED_COMMAND, "a token hash has 32 bytes, not " + tokenHash.length);
    }
    ShardState shard = context.shard();
    long userId = shard.allocateId();
    shard
        .users()
        .put(
            userId,
            new User(
                userId,
                command.getDisplayName(),
                command.getHomeDc().intern(),
                tokenHash,
                new Mailbox()));
    return new Outcome.UserRegistered(userId);
  }
}
