package io.switchboard.runtime.messaging;

import java.io.IOException;

/** Sanity checks for values read back from a checkpoint. */
final class SnapshotChecks {

  private SnapshotChecks() {}

  /** A non-negative count, else the checkpoint is damaged. */
  static int count(int value, String what) throws IOException {
    if (value < 0) {
      throw new IOException("negative number of " + what + " in a checkpoint: " + value);
    }
    return value;
  }

  /** A positive id, else the checkpoint is damaged. */
  static long id(long value, String what) throws IOException {
    if (value < 1) {
      throw new IOException("invalid " + what + " id in a checkpoint: " + value);
    }
    return value;
  }
}
