package io.switchboard.runtime.messaging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.function.LongUnaryOperator;

/**
 * A registered user on its shard: profile, token hash and mailbox. The profile never changes after
 * registration; the mailbox grows.
 */
final class User {

  static final int TOKEN_HASH_BYTES = 32;

  private final long id;
  private final String displayName;
  private final String homeDc;
  private final byte[] tokenHash;
  private final Mailbox mailbox;

  User(long id, String displayName, String homeDc, byte[] tokenHash, Mailbox mailbox) {
    this.id = id;
    this.displayName = displayName;
    this.homeDc = homeDc;
    this.tokenHash = tokenHash.clone();
    this.mailbox = mailbox;
  }

  long id() {
    return id;
  }

  Mailbox mailbox() {
    return mailbox;
  }

  /** Whether {@code hash} is this user's token hash, compared in constant time. */
  boolean tokenHashMatches(byte[] hash) {
    return MessageDigest.isEqual(tokenHash, hash);
  }

  /** A copy whose mailbox shares the arrays; see {@link Mailbox#copy()}. */
  User copy() {
    return new User(id, displayName, homeDc, tokenHash, mailbox.copy());
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeLong(id);
    out.writeUTF(displayName);
    out.writeUTF(homeDc);
    out.write(tokenHash);
    mailbox.writeTo(out);
  }

  /** Reads what {@link #writeTo} wrote, mailbox positions replaced as {@code newPosition} says. */
  static User readFrom(DataInput in, LongUnaryOperator newPosition) throws IOException {
    long id = SnapshotChecks.id(in.readLong(), "user");
    String displayName = in.readUTF();
    String homeDc = in.readUTF().intern();
    byte[] tokenHash = new byte[TOKEN_HASH_BYTES];
    in.readFully(tokenHash);
    return new User(id, displayName, homeDc, tokenHash, Mailbox.readFrom(in, newPosition));
  }
}
