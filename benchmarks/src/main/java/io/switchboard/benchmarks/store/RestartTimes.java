package io.switchboard.benchmarks.store;

import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.FileLogStorage;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.MailboxIndexer;
import io.switchboard.runtime.store.RecoveryReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The restart phase: a log of {@code records} mailbox records (round-robin over the mailboxes),
 * reopened three ways, each timed from the call to {@link DurableLog#open} until a first request
 * was served (the index looked up and the record read back from the log):
 *
 * <ol>
 *   <li><b>after a crash, worst case</b>: the last checkpoint lies one full checkpoint interval
 *       ({@link LogOptions#checkpointEveryBytes()}, minus one record) before the end, which is the
 *       most the default options ever leave to replay; then the log is halted, as a process death
 *       would leave it;
 *   <li><b>after a clean close</b>: the close published a checkpoint at the end;
 *   <li><b>without a checkpoint</b>: the checkpoint file deleted, so the whole log is replayed.
 * </ol>
 *
 * The files are in the page cache (they were just written), as after a process restart.
 */
final class RestartTimes {

  private static final int APPENDS_IN_FLIGHT = 16_384;

  private final LogBenchmarkOptions options;

  RestartTimes(LogBenchmarkOptions options) {
    this.options = options;
  }

  /** One timed open. */
  record Open(String situation, double openSeconds, double servingSeconds, RecoveryReport report) {}

  /** What the phase measured. */
  record Result(
      long records,
      long logBytes,
      double buildSeconds,
      double finalCheckpointSeconds,
      long checkpointFileBytes,
      List<Open> opens) {

    String report() {
      StringBuilder report = new StringBuilder();
      report.append(line("records", "%d", records));
      report.append(line("log size", "%.1f MiB", logBytes / 1048576.0));
      report.append(line("build time", "%.1f s", buildSeconds));
      report.append(line("checkpoint file", "%.1f MiB", checkpointFileBytes / 1048576.0));
      report.append(
          line(
              "final checkpoint",
              "%.2f s (close after the crash restart)",
              finalCheckpointSeconds));
      for (Open open : opens) {
        RecoveryReport recovery = open.report();
        report.append(String.format(Locale.ROOT, "  restart %s:%n", open.situation()));
        report.append(line("  open", "%.2f s", open.openSeconds()));
        report.append(line("  serving after", "%.2f s", open.servingSeconds()));
        report.append(line("  checkpoint", "%s", recovery.checkpoint()));
        report.append(
            line(
                "  replayed",
                "%d records (%.1f MiB)",
                recovery.recordsReplayed(),
                (recovery.end().offset() - recovery.replayedFrom().offset()) / 1048576.0));
      }
      return report.toString();
    }
  }

  Result run(Path directory) throws IOException {
    long records = options.restartRecords();
    long recordBytes = 15L + options.payloadBytes();
    LogOptions defaults = LogOptions.defaults();
    long tail = Math.min(records, defaults.checkpointEveryBytes() / recordBytes - 1);

    long buildStarted = System.nanoTime();
    DurableLog building =
        DurableLog.open(
            FileLogStorage.open(directory),
            defaults.withCheckpointEveryBytes(Long.MAX_VALUE),
            Clock.systemUTC(),
            BenchmarkRecords.newIndexer());
    appendRecords(building, 0, records - tail);
    building.checkpoint().join();
    appendRecords(building, records - tail, records);
    long logBytes = building.endPosition().offset();
    building.halt();
    double buildSeconds = (System.nanoTime() - buildStarted) / 1e9;

    List<Open> opens = new ArrayList<>();
    Timed afterCrash = open(directory, "after a crash, worst case", defaults);
    opens.add(afterCrash.open());
    long closeStarted = System.nanoTime();
    afterCrash.log().close();
    double finalCheckpointSeconds = (System.nanoTime() - closeStarted) / 1e9;
    Path checkpoint = FileLogStorage.open(directory).checkpointPath();
    long checkpointFileBytes = Files.size(checkpoint);

    Timed afterClose = open(directory, "after a clean close", defaults);
    opens.add(afterClose.open());
    afterClose.log().close();

    Files.delete(checkpoint);
    Timed withoutCheckpoint = open(directory, "without a checkpoint", defaults);
    opens.add(withoutCheckpoint.open());
    withoutCheckpoint.log().close();

    return new Result(
        records, logBytes, buildSeconds, finalCheckpointSeconds, checkpointFileBytes, opens);
  }

  private record Timed(Open open, DurableLog log) {}

  private Timed open(Path directory, String situation, LogOptions logOptions) throws IOException {
    long started = System.nanoTime();
    MailboxIndexer index = BenchmarkRecords.newIndexer();
    DurableLog log =
        DurableLog.open(FileLogStorage.open(directory), logOptions, Clock.systemUTC(), index);
    double openSeconds = (System.nanoTime() - started) / 1e9;
    serveOneRequest(log, index);
    double servingSeconds = (System.nanoTime() - started) / 1e9;
    if (index.entries() != options.restartRecords()) {
      throw new IllegalStateException(
          "the index holds " + index.entries() + " entries, not " + options.restartRecords());
    }
    return new Timed(new Open(situation, openSeconds, servingSeconds, log.recoveryReport()), log);
  }

  /** Reads the newest entry of the mailbox that received the last record. */
  private void serveOneRequest(DurableLog log, MailboxIndexer index) throws IOException {
    long mailbox = (options.restartRecords() - 1) % options.mailboxes();
    LogPosition position = index.position(mailbox, index.lastPts(mailbox));
    LogRecord record = log.read(position);
    if (ByteBuffer.wrap(record.entry().payload()).getLong() != mailbox) {
      throw new IllegalStateException("the index points at another mailbox's record");
    }
  }

  private void appendRecords(DurableLog log, long from, long to) {
    List<CompletableFuture<LogPosition>> inFlight = new ArrayList<>(APPENDS_IN_FLIGHT);
    for (long i = from; i < to; i++) {
      int slot = (int) ((i - from) % APPENDS_IN_FLIGHT);
      CompletableFuture<LogPosition> append =
          log.append(BenchmarkRecords.entry(i % options.mailboxes(), options.payloadBytes()));
      if (inFlight.size() <= slot) {
        inFlight.add(append);
      } else {
        inFlight.set(slot, append).join();
      }
    }
    inFlight.forEach(CompletableFuture::join);
  }

  private static String line(String label, String valueFormat, Object... values) {
    Object[] arguments = new Object[values.length + 1];
    arguments[0] = label;
    System.arraycopy(values, 0, arguments, 1, values.length);
    return String.format(Locale.ROOT, "  %-20s" + valueFormat + "%n", arguments);
  }
}
