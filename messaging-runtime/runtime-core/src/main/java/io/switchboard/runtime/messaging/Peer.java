package io.switchboard.runtime.messaging;

import java.util.Objects;

/**
 * The other side of a conversation in a user's mailbox: a user (private chat) or a group.
 *
 * @param kind user or group
 * @param id the user's or group's id, positive
 */
public record Peer(Kind kind, long id) {

  /** What a peer is. */
  public enum Kind {
    USER,
    GROUP
  }

  public Peer {
    Objects.requireNonNull(kind, "kind");
    if (id < 1) {
      throw new IllegalArgumentException("ids are positive: " + id);
    }
  }

  public static Peer user(long userId) {
    return new Peer(Kind.USER, userId);
  }

  public static Peer group(long groupId) {
    return new Peer(Kind.GROUP, groupId);
  }
}
