package io.switchboard.benchmarks.store;

import static io.switchboard.benchmarks.load.OptionPairs.requireRange;

import io.switchboard.benchmarks.load.DurationArgument;
import io.switchboard.benchmarks.load.OptionPairs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one run of {@link LogAppendBenchmark} does, parsed from {@code --name value} pairs, each at
 * most once; see {@link #USAGE}.
 *
 * @param phases the phases to run, in the order of {@link Phase}
 * @param appenders concurrent appender threads of the append phase, each with one append in flight
 * @param duration measured time of the append phase
 * @param warmup unmeasured time before it
 * @param payloadBytes payload of every appended record, at least 8 (the mailbox id)
 * @param fsyncInterval empty for group commit; else the {@code INTERVAL} policy's interval (not
 *     durable, for comparison)
 * @param mailboxes mailboxes the append phase spreads its records over
 * @param indexEntries entries of the index phase, 10 per mailbox
 * @param restartRecords records in the log of the restart phase
 * @param directory where the logs go; empty for a temporary directory deleted at the end
 */
record LogBenchmarkOptions(
    Set<Phase> phases,
    int appenders,
    Duration duration,
    Duration warmup,
    int payloadBytes,
    Optional<Duration> fsyncInterval,
    int mailboxes,
    int indexEntries,
    int restartRecords,
    Optional<Path> directory) {

  /** The benchmark's phases, run in this order. */
  enum Phase {
    APPEND,
    INDEX,
    RESTART
  }

  static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.store.LogAppendBenchmark [options]
        --phases LIST           append,index,restart or a subset (default: all three)
        --appenders N           concurrent appenders, 1 to 4096 (default: 64)
        --duration D            measured append time, e.g. 20s, 500ms, 2m (default: 20s)
        --warmup D              unmeasured append time before it (default: 3s)
        --payload BYTES         payload per record, 8 to 65536 (default: 200)
        --fsync-interval D      use the INTERVAL policy (NOT durable) instead of group commit
        --mailboxes N           mailboxes the appends spread over (default: 1000000)
        --index-entries N       entries of the index phase, 10 per mailbox (default: 10000000)
        --restart-records N     records in the restart phase's log (default: 10000000)
        --dir PATH              where the logs go (default: a temporary directory, deleted)
        --help                  print this message
      """;

  private static final List<String> OPTIONS =
      List.of(
          "--phases",
          "--appenders",
          "--duration",
          "--warmup",
          "--payload",
          "--fsync-interval",
          "--mailboxes",
          "--index-entries",
          "--restart-records",
          "--dir");

  LogBenchmarkOptions {
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("--phases must name at least one phase");
    }
    requireRange("--appenders", appenders, 1, 4_096);
    requireRange("--payload", payloadBytes, Long.BYTES, 65_536);
    requireRange("--mailboxes", mailboxes, 1, Integer.MAX_VALUE);
    requireRange("--index-entries", indexEntries, 10, Integer.MAX_VALUE);
    requireRange("--restart-records", restartRecords, 1, Integer.MAX_VALUE);
    if (duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, or a value is invalid
   */
  static LogBenchmarkOptions parse(String... args) {
    OptionPairs values = OptionPairs.parse(OPTIONS, args);
    return new LogBenchmarkOptions(
        phases(values.text("--phases", "append,index,restart")),
        values.integer("--appenders", 64),
        values.duration("--duration", Duration.ofSeconds(20)),
        values.duration("--warmup", Duration.ofSeconds(3)),
        values.integer("--payload", 200),
        values
            .text("--fsync-interval")
            .map(text -> DurationArgument.parse("--fsync-interval", text)),
        values.integer("--mailboxes", 1_000_000),
        values.integer("--index-entries", 10_000_000),
        values.integer("--restart-records", 10_000_000),
        values.text("--dir").map(Path::of));
  }

  private static Set<Phase> phases(String text) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (String name : text.split(",")) {
      try {
        phases.add(Phase.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--phases: unknown phase " + name);
      }
    }
    return phases;
  }
}
