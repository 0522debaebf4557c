package io.switchboard.runtime.messaging;

/**
 * Why the messaging runtime refused a request. Stable: the gateway maps each value to a protocol
 * error code, and clients branch on it.
 */
public enum Rejection {
  /** The text is empty, blank, or not well-formed Unicode (an unpaired surrogate). */
  INVALID_TEXT,
  /** The text is longer than the limit (4096 UTF-8 bytes by default). */
  TEXT_TOO_LONG,
  /** A display name or title is blank or longer than the limit (128 UTF-8 bytes by default). */
  INVALID_NAME,
  /** A group would exceed its member limit (200 by default). */
  GROUP_TOO_LARGE,
  /** A page was asked with a negative pts or offset, or a limit outside 1 to the page limit. */
  INVALID_PAGE,
  /** Registration named a data centre the cluster does not have. */
  UNKNOWN_DATA_CENTER,
  /** The acting user does not exist. */
  UNKNOWN_USER,
  /** The user, group or channel a request names does not exist. */
  UNKNOWN_PEER,
  /** The acting user is not a member of the group, or not a reader of the channel. */
  NOT_A_MEMBER,
  /** The acting user is a member but lacks the right (post, remove someone, manage admins). */
  NOT_ALLOWED,
  /** The token is malformed, or names no user, or its secret does not match. */
  INVALID_TOKEN,
  /** This node does not lead the shard the request acts on; see {@link NotLeaderException}. */
  NOT_LEADER,
  /**
   * The command was proposed at a leadership epoch older than one the shard has already applied: a
   * fenced former leader proposed it. Retrying at the current leader is safe.
   */
  STALE_EPOCH,
  /** A log record of a messaging type whose payload does not decode; never written by this code. */
  MALFORMED_COMMAND
}
