package io.switchboard.runtime.messaging;

/**
 * The cheap checks a request passes before its command is appended; everything that depends on
 * state is decided when the command is applied. Each throws a {@link MessagingException}.
 */
final class RequestChecks {

  private RequestChecks() {}

  /** Non-blank, well-formed text of at most {@code maxTextBytes} UTF-8 bytes. */
  static void text(String text, MessagingLimits limits) {
    if (text == null || text.isBlank()) {
      throw new MessagingException(Rejection.INVALID_TEXT, "the text is empty");
    }
    int bytes = utf8Length(text);
    if (bytes < 0) {
      throw new MessagingException(Rejection.INVALID_TEXT, "the text has an unpaired surrogate");
    }
    if (bytes > limits.maxTextBytes()) {
      throw new MessagingException(
          Rejection.TEXT_TOO_LONG,
          "the text has " + bytes + " UTF-8 bytes, more than " + limits.maxTextBytes());
    }
  }

  /** A non-blank, well-formed display name or title of at most {@code maxNameBytes} bytes. */
  static void name(String name, MessagingLimits limits) {
    int bytes = name == null || name.isBlank() ? -1 : utf8Length(name);
    if (bytes < 0 || bytes > limits.maxNameBytes()) {
      throw new MessagingException(
          Rejection.INVALID_NAME,
          "a name is 1 to " + limits.maxNameBytes() + " UTF-8 bytes and not blank");
    }
  }

  /** An acting user's id; ids are positive. */
  static long actor(long userId) {
    if (userId < 1) {
      throw new MessagingException(Rejection.UNKNOWN_USER, "no user " + userId);
    }
    return userId;
  }

  /** The id of a user, group or channel a request names; ids are positive. */
  static long peer(long id) {
    if (id < 1) {
      throw new MessagingException(Rejection.UNKNOWN_PEER, "no peer " + id);
    }
    return id;
  }

  /** A pts or offset of zero or more, and a limit from 1 to {@code maxPageSize}. */
  static void page(int pts, int limit, MessagingLimits limits) {
    if (pts < 0 || limit < 1 || limit > limits.maxPageSize()) {
      throw new MessagingException(
          Rejection.INVALID_PAGE,
          "pts must be 0 or more and limit 1 to "
              + limits.maxPageSize()
              + ": "
              + pts
              + ", "
              + limit);
    }
  }

  /** The UTF-8 length of {@code text}, or -1 when it has an unpaired surrogate. */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
