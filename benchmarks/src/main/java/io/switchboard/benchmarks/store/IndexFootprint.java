package io.switchboard.benchmarks.store;

import io.switchboard.runtime.store.MailboxIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * The index phase: builds a {@link MailboxIndex} of {@code entries} entries, 10 per mailbox,
 * appended round-robin over the mailboxes as interleaved traffic would, and measures its memory two
 * ways: the index's own count of its arrays ({@link MailboxIndex#accountedBytes()}), and the growth
 * of the used heap after full collections, as a cross-check.
 */
final class IndexFootprint {

  private static final int ENTRIES_PER_MAILBOX = 10;
  private static final long BYTES_PER_RECORD = 215;

  /** What the phase measured. */
  record Result(
      long entries,
      int mailboxes,
      long accountedBytes,
      long heapGrowthBytes,
      double buildSeconds,
      double snapshotMillis) {

    String report() {
      return line("entries", "%d (%d mailboxes x %d)", entries, mailboxes, ENTRIES_PER_MAILBOX)
          + line("index bytes", "%d (%.1f MiB)", accountedBytes, accountedBytes / 1048576.0)
          + line("bytes per message", "%.2f (counted from array lengths)", perEntry(accountedBytes))
          + line("heap per message", "%.2f (used-heap growth after GC)", perEntry(heapGrowthBytes))
          + line("build time", "%.2f s", buildSeconds)
          + line(
              "snapshot capture", "%.1f ms (pause of the writer per checkpoint)", snapshotMillis);
    }

    private double perEntry(long bytes) {
      return (double) bytes / entries;
    }
  }

  Result run(int entries) {
    int mailboxes = entries / ENTRIES_PER_MAILBOX;
    long heapBefore = usedHeapAfterGc();
    long started = System.nanoTime();
    MailboxIndex index = new MailboxIndex();
    long position = 0;
    for (int round = 0; round < ENTRIES_PER_MAILBOX; round++) {
      for (int mailbox = 0; mailbox < mailboxes; mailbox++) {
        index.append(mailbox, position);
        position += BYTES_PER_RECORD;
      }
    }
    double buildSeconds = (System.nanoTime() - started) / 1e9;
    long heapGrowth = usedHeapAfterGc() - heapBefore;
    long captureStarted = System.nanoTime();
    MailboxIndex.Snapshot snapshot = index.snapshot();
    double snapshotMillis = (System.nanoTime() - captureStarted) / 1e6;
    Reference.reachabilityFence(snapshot);
    Result result =
        new Result(
            index.entries(),
            mailboxes,
            index.accountedBytes(),
            heapGrowth,
            buildSeconds,
            snapshotMillis);
    Reference.reachabilityFence(index);
    return result;
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String line(String label, String valueFormat, Object... values) {
    return String.format(Locale.ROOT, "  %-20s" + valueFormat + "%n", prepend(label, values));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
