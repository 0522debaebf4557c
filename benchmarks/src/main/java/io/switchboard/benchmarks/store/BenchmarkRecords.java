package io.switchboard.benchmarks.store;

import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.MailboxIndexer;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The records the benchmark appends: mailbox entries whose payload starts with the mailbox id (8
 * bytes, big-endian) followed by random bytes, in shard {@code mailbox % 1024}, epoch 1.
 */
final class BenchmarkRecords {

  static final int MAILBOX_RECORD = 1;

  private BenchmarkRecords() {}

  /** A new entry of {@code payloadBytes} bytes for {@code mailbox}. */
  static LogEntry entry(long mailbox, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    ThreadLocalRandom.current().nextBytes(payload);
    ByteBuffer.wrap(payload).putLong(mailbox);
    return new LogEntry(MAILBOX_RECORD, (int) (mailbox % 1024), 1, payload);
  }

  /** An index of the benchmark's records, as a node would keep it. */
  static MailboxIndexer newIndexer() {
    return new MailboxIndexer(MAILBOX_RECORD, entry -> ByteBuffer.wrap(entry.payload()).getLong());
  }
}
