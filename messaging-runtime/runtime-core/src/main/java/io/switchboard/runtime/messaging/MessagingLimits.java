package io.switchboard.runtime.messaging;

/**
 * The limits of the messaging runtime.
 *
 * <p>{@code maxGroupMembers} and {@code idempotencyWindow} are enforced when commands are applied,
 * so they shape the derived state: every replica of a shard, and every restart of a node, must use
 * the same values, or a replay can decide differently than the original apply did.
 *
 * @param maxTextBytes longest message or post text, in UTF-8 bytes
 * @param maxNameBytes longest display name or title, in UTF-8 bytes
 * @param maxGroupMembers most members a group can have, its creator included
 * @param idempotencyWindow how many of a sender's most recent accepted sends on a shard (and of an
 *     author's most recent posts in a channel) are remembered by random id: a retry is recognised
 *     as long as fewer than this many other sends were accepted since the original
 * @param maxPageSize largest {@code limit} a history or difference read accepts
 */
public record MessagingLimits(
    int maxTextBytes,
    int maxNameBytes,
    int maxGroupMembers,
    int idempotencyWindow,
    int maxPageSize) {

  public MessagingLimits {
    requirePositive(maxTextBytes, "maxTextBytes");
    requirePositive(maxNameBytes, "maxNameBytes");
    if (maxGroupMembers < 2) {
      throw new IllegalArgumentException("a group needs room for 2 members: " + maxGroupMembers);
    }
    requirePositive(idempotencyWindow, "idempotencyWindow");
    requirePositive(maxPageSize, "maxPageSize");
  }

  /**
   * The limits: texts up to 4096 bytes, names up to 128 bytes, groups up to 200 members, a
   * window of the last 64 sends, pages of up to 1000.
   */
  public static MessagingLimits defaults() {
    return new MessagingLimits(4096, 128, 200, 64, 1000);
  }

  /** These limits with another idempotency window. */
  public MessagingLimits withIdempotencyWindow(int sends) {
    return new MessagingLimits(maxTextBytes, maxNameBytes, maxGroupMembers, sends, maxPageSize);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
