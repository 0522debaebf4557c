package io.switchboard.benchmarks.store;

import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.FileLogStorage;
import io.switchboard.runtime.store.FsyncPolicy;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * The append phase: {@code appenders} threads each append one record, wait for its acknowledgement,
 * and append the next (a closed loop), against one log with a mailbox index, as a node's shards
 * would. Only acknowledgements after the warm-up count; each is timed from just before {@code
 * append} until its future completed, on the monotonic clock.
 */
final class AppendLoad {

  private static final long MAX_TRACKED_NANOS = Duration.ofSeconds(60).toNanos();

  private final LogBenchmarkOptions options;

  AppendLoad(LogBenchmarkOptions options) {
    this.options = options;
  }

  /** What the measured part of the phase saw. */
  record Result(
      int appenders,
      String fsyncPolicy,
      Duration measured,
      long appends,
      Histogram latencyNanos,
      LogStats during) {

    String report() {
      double seconds = measured.toNanos() / 1e9;
      StringBuilder report = new StringBuilder();
      report.append(line("appenders", "%d", appenders));
      report.append(line("fsync policy", "%s", fsyncPolicy));
      report.append(line("measured", "%.3f s", seconds));
      report.append(line("appends", "%d acknowledged", appends));
      report.append(line("throughput", "%.0f appends/s", appends / seconds));
      report.append(line("ack latency p50", "%.3f ms", millis(50)));
      report.append(line("ack latency p99", "%.3f ms", millis(99)));
      report.append(line("ack latency p99.9", "%.3f ms", millis(99.9)));
      report.append(line("ack latency max", "%.3f ms", latencyNanos.getMaxValue() / 1e6));
      report.append(line("fsyncs", "%.0f /s", during.fsyncs() / seconds));
      report.append(line("records per fsync", "%.1f", during.recordsPerFsync()));
      report.append(line("write rate", "%.1f MB/s", during.bytes() / seconds / 1e6));
      return report.toString();
    }

    private double millis(double percentile) {
      return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
  }

  Result run(Path directory) throws IOException, InterruptedException {
    LogOptions logOptions =
        options
            .fsyncInterval()
            .map(interval -> LogOptions.defaults().withFsyncPolicy(FsyncPolicy.interval(interval)))
            .orElse(LogOptions.defaults());
    try (DurableLog log =
        DurableLog.open(
            FileLogStorage.open(directory),
            logOptions,
            Clock.systemUTC(),
            BenchmarkRecords.newIndexer())) {
      long start = System.nanoTime();
      long measureFrom = start + options.warmup().toNanos();
      long measureUntil = measureFrom + options.duration().toNanos();
      List<Appender> appenders = new ArrayList<>();
      for (int i = 0; i < options.appenders(); i++) {
        appenders.add(new Appender(log, measureFrom, measureUntil));
      }
      appenders.forEach(Thread::start);
      LogStats atStart = awaitStatsAt(log, measureFrom);
      LogStats atEnd = awaitStatsAt(log, measureUntil);
      Histogram latency = new Histogram(MAX_TRACKED_NANOS, 3);
      long appends = 0;
      for (Appender appender : appenders) {
        appender.join();
        if (appender.failure != null) {
          throw new IOException("an append failed", appender.failure);
        }
        latency.add(appender.latencyNanos);
        appends += appender.latencyNanos.getTotalCount();
      }
      return new Result(
          options.appenders(),
          options
              .fsyncInterval()
              .map(i -> "INTERVAL(" + i + "), NOT durable")
              .orElse("GROUP_COMMIT"),
          Duration.ofNanos(measureUntil - measureFrom),
          appends,
          latency,
          minus(atEnd, atStart));
    }
  }

  private static LogStats awaitStatsAt(DurableLog log, long nanoTime) throws InterruptedException {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, wait / 1_000_000));
    }
    return log.stats();
  }

  private static LogStats minus(LogStats end, LogStats start) {
    return new LogStats(
        end.records() - start.records(),
        end.bytes() - start.bytes(),
        end.fsyncs() - start.fsyncs(),
        end.checkpoints() - start.checkpoints());
  }

  private static String line(String label, String valueFormat, Object value) {
    return String.format(Locale.ROOT, "  %-20s" + valueFormat + "%n", label, value);
  }

  /** One closed-loop appender thread. */
  private final class Appender extends Thread {

    private final DurableLog log;
    private final long measureFrom;
    private final long measureUntil;
    private final Histogram latencyNanos = new Histogram(MAX_TRACKED_NANOS, 3);
    private volatile Throwable failure;

    Appender(DurableLog log, long measureFrom, long measureUntil) {
      super("log-appender");
      this.log = log;
      this.measureFrom = measureFrom;
      this.measureUntil = measureUntil;
    }

    @Override
    public void run() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      try {
        long now = System.nanoTime();
        while (now < measureUntil) {
          LogEntry entry =
              BenchmarkRecords.entry(random.nextInt(options.mailboxes()), options.payloadBytes());
          long sent = System.nanoTime();
          log.append(entry).join();
          now = System.nanoTime();
          if (sent >= measureFrom && now <= measureUntil) {
            latencyNanos.recordValue(Math.min(now - sent, MAX_TRACKED_NANOS));
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }
  }
}
