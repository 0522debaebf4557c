package io.switchboard.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** Entries, logs and file surgery shared by the store tests. */
final class TestLogs {

  /** The record type the tests' mailbox indexers index. */
  static final int MAILBOX_RECORD = 1;

  /** Mailboxes the test entries spread over. */
  static final int MAILBOXES = 7;

  private TestLogs() {}

  /**
   * Entry number {@code i}: a mailbox record whose payload is the mailbox id ({@code i % 7}, 8
   * bytes) and then {@code i % 13} bytes derived from {@code i}, so entries differ in content and
   * size.
   */
  static LogEntry entry(int i) {
    ByteBuffer payload = ByteBuffer.allocate(Long.BYTES + i % 13).putLong(i % MAILBOXES);
    while (payload.hasRemaining()) {
      payload.put((byte) (i * 31 + payload.position()));
    }
    return new LogEntry(MAILBOX_RECORD, i % 1024, 1 + i / 100, payload.array());
  }

  /** The mailbox a test entry belongs to. */
  static long mailboxOf(LogEntry entry) {
    return ByteBuffer.wrap(entry.payload()).getLong();
  }

  static MailboxIndexer newIndexer() {
    return new MailboxIndexer(MAILBOX_RECORD, TestLogs::mailboxOf);
  }

  /** Options with tiny segments (a few records each) and no automatic checkpoints. */
  static LogOptions smallSegments() {
    return LogOptions.defaults().withMaxSegmentBytes(128).withCheckpointEveryBytes(Long.MAX_VALUE);
  }

  /** Appends entries {@code from} to {@code to - 1}, waits for their acknowledgements. */
  static List<LogRecord> appendAll(DurableLog log, int from, int to) {
    List<CompletableFuture<LogPosition>> acknowledged = new ArrayList<>();
    for (int i = from; i < to; i++) {
      acknowledged.add(log.append(entry(i)));
    }
    List<LogRecord> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(new LogRecord(acknowledged.get(i - from).join(), entry(i)));
    }
    return records;
  }

  /** Every record the log holds, read through a cursor from its start. */
  static List<LogRecord> readAll(DurableLog log) {
    List<LogRecord> records = new ArrayList<>();
    log.readFrom(log.startPosition()).forEachRemaining(records::add);
    return records;
  }

  /** Asserts that the index holds exactly the mailbox entries of {@code records}, in order. */
  static void assertIndexes(MailboxIndexer index, List<LogRecord> records) {
    List<List<LogPosition>> expected = new ArrayList<>();
    for (int mailbox = 0; mailbox < MAILBOXES; mailbox++) {
      expected.add(new ArrayList<>());
    }
    for (LogRecord record : records) {
      expected.get((int) mailboxOf(record.entry())).add(record.position());
    }
    for (int mailbox = 0; mailbox < MAILBOXES; mailbox++) {
      List<LogPosition> actual = new ArrayList<>();
      for (int pts = 1; pts <= index.lastPts(mailbox); pts++) {
        actual.add(index.position(mailbox, pts));
      }
      assertThat(actual).as("mailbox %d", mailbox).isEqualTo(expected.get(mailbox));
    }
  }

  /** Copies a node directory (the log folder and its files). */
  static Path copyNode(Path from, Path to) throws IOException {
    Path sourceLog = from.resolve("log");
    Path targetLog = Files.createDirectories(to.resolve("log"));
    try (Stream<Path> files = Files.list(sourceLog)) {
      for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
        Path file = it.next();
        Files.copy(file, targetLog.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to;
  }

  /**
   * Cuts the log files of a node at {@code position}, as a crash that lost every unsynced byte from
   * there on would: the segment holding it is truncated, later segments deleted.
   */
  static void cutLogAt(Path node, long position) throws IOException {
    FileLogStorage storage = FileLogStorage.open(node);
    for (long base : storage.segmentBases()) {
      Path segment = storage.segmentPath(base);
      if (base > position || (base == position && base > 0)) {
        Files.delete(segment);
      } else if (base + Files.size(segment) > position) {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
          channel.truncate(position - base);
        }
      }
    }
  }

  /**
   * The bytes at log positions {@code [from, to)} of a closed or halted log, read from its segment
   * files; positions past a segment's file read as zeros.
   */
  static byte[] logBytes(Path node, long from, long to) throws IOException {
    FileLogStorage storage = FileLogStorage.open(node);
    byte[] bytes = new byte[Math.toIntExact(to - from)];
    for (long base : storage.segmentBases()) {
      try (FileChannel channel =
          FileChannel.open(storage.segmentPath(base), StandardOpenOption.READ)) {
        long start = Math.max(from, base);
        long end = Math.min(to, base + channel.size());
        if (start < end) {
          ByteBuffer target = ByteBuffer.wrap(bytes, (int) (start - from), (int) (end - start));
          long fileOffset = start - base;
          while (target.hasRemaining()) {
            int read = channel.read(target, fileOffset);
            if (read < 0) {
              break;
            }
            fileOffset += read;
          }
        }
      }
    }
    return bytes;
  }

  /**
   * How many of the bytes at {@code [from, to)} a recovery that cuts the log at {@code from} counts
   * as truncated: up to the last one that is not zero.
   */
  static long writtenBytes(Path node, long from, long to) throws IOException {
    byte[] bytes = logBytes(node, from, to);
    int last = bytes.length - 1;
    while (last >= 0 && bytes[last] == 0) {
      last--;
    }
    return last + 1;
  }

  /** Flips bit {@code bit} (0 = least significant) of the byte at log position {@code position}. */
  static void flipBit(Path node, long position, int bit) throws IOException {
    FileLogStorage storage = FileLogStorage.open(node);
    long base =
        storage.segmentBases().stream()
            .filter(b -> b <= position)
            .reduce((a, b) -> b)
            .orElseThrow();
    try (FileChannel channel =
        FileChannel.open(
            storage.segmentPath(base), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position - base);
      one.put(0, (byte) (one.get(0) ^ (1 << bit)));
      one.rewind();
      channel.write(one, position - base);
    }
  }
}
