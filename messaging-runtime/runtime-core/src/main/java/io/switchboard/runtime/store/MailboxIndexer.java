package io.switchboard.runtime.store;

import java.io.DataInput;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ToLongFunction;

/**
 * The {@link LogStateMachine} that keeps a {@link MailboxIndex} of the log: every record of one
 * type is the next entry of the mailbox its payload names. Readers (getDifference and history
 * requests) look entries up concurrently with the log's writer thread.
 *
 * <p>Invariant: after an append is acknowledged, its entry is in the index; pts are assigned in log
 * order, so a replay from a checkpoint assigns the same pts as the original appends did.
 *
 * <p>Thread-safe: lookups share a read lock; the writer thread's changes take the write lock,
 * briefly, per record.
 */
public final class MailboxIndexer implements LogStateMachine {

  private final int recordType;
  private final ToLongFunction<LogEntry> mailboxOf;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private MailboxIndex index = new MailboxIndex();

  /**
   * @param recordType records of this type are mailbox entries; others are ignored
   * @param mailboxOf the mailbox id an entry of that type belongs to, read from its payload
   */
  public MailboxIndexer(int recordType, ToLongFunction<LogEntry> mailboxOf) {
    this.recordType = recordType;
    this.mailboxOf = mailboxOf;
  }

  /** The pts of the mailbox's last entry, 0 when it has none. */
  public int lastPts(long mailboxId) {
    lock.readLock().lock();
    try {
      return index.lastPts(mailboxId);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Where the mailbox's entry {@code pts} is in the log.
   *
   * @throws java.util.NoSuchElementException when {@code pts} is not from 1 to {@link #lastPts}
   */
  public LogPosition position(long mailboxId, int pts) {
    lock.readLock().lock();
    try {
      return new LogPosition(index.position(mailboxId, pts));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Entries over all mailboxes. */
  public long entries() {
    lock.readLock().lock();
    try {
      return index.entries();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Index memory per entry, as {@link MailboxIndex#bytesPerEntry()} counts it. */
  public double bytesPerEntry() {
    lock.readLock().lock();
    try {
      return index.bytesPerEntry();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void apply(LogRecord record) {
    if (record.entry().type() != recordType) {
      return;
    }
    long mailboxId = mailboxOf.applyAsLong(record.entry());
    lock.writeLock().lock();
    try {
      index.append(mailboxId, record.position().offset());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void truncateAfter(LogPosition lastKept) {
    lock.writeLock().lock();
    try {
      index.truncateAfter(lastKept.offset());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Snapshot snapshot() {
    lock.readLock().lock();
    try {
      return index.snapshot()::writeTo;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void restore(DataInput in) throws IOException {
    MailboxIndex restored = MailboxIndex.readFrom(in);
    lock.writeLock().lock();
    try {
      index = restored;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
