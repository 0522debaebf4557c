package io.switchboard.benchmarks.store;

import io.switchboard.benchmarks.load.Directories;
import io.switchboard.benchmarks.store.LogBenchmarkOptions.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the node's durable log ({@code io.switchboard.runtime.store}) on this machine, in up to
 * three phases (see {@link LogBenchmarkOptions#USAGE}):
 *
 * <ol>
 *   <li>{@link AppendLoad}: concurrent appenders with group commit: acknowledged (durable) appends
 *       per second, acknowledgement latency percentiles, fsyncs per second, records per fsync,
 *       write rate;
 *   <li>{@link IndexFootprint}: memory of a mailbox index of 10 million entries, per message;
 *   <li>{@link RestartTimes}: time to reopen a log of 10 million records and serve, after a crash,
 *       after a clean close and without a checkpoint.
 * </ol>
 *
 * Exit status 0 on success, 1 for invalid arguments (usage on stderr), 2 when a phase fails.
 */
public final class LogAppendBenchmark {

  private LogAppendBenchmark() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--help")) {
      System.out.print(LogBenchmarkOptions.USAGE);
      return;
    }
    LogBenchmarkOptions options;
    try {
      options = LogBenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LogBenchmarkOptions.USAGE);
      System.exit(1);
      return;
    }
    try {
      run(options);
    } catch (IOException | RuntimeException e) {
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      System.exit(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(2);
    }
  }

  private static void run(LogBenchmarkOptions options) throws IOException, InterruptedException {
    Path root =
        options.directory().isPresent()
            ? Files.createDirectories(options.directory().get())
            : Files.createTempDirectory("switchboard-log-benchmark");
    System.out.printf(
        "durable log benchmark: %d cores, max heap %d MiB, data in %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, root);
    try {
      if (options.phases().contains(Phase.APPEND)) {
        System.out.printf(
            "append phase: %d appenders, %d-byte payloads, %.1f s warm-up + %.1f s measured...%n",
            options.appenders(),
            options.payloadBytes(),
            options.warmup().toMillis() / 1e3,
            options.duration().toMillis() / 1e3);
        System.out.print(new AppendLoad(options).run(root.resolve("append")).report());
        Directories.deleteRecursively(root.resolve("append"));
      }
      if (options.phases().contains(Phase.INDEX)) {
        System.out.printf("index phase: %d entries...%n", options.indexEntries());
        System.out.print(new IndexFootprint().run(options.indexEntries()).report());
      }
      if (options.phases().contains(Phase.RESTART)) {
        System.out.printf(
            "restart phase: %d records of %d-byte payloads...%n",
            options.restartRecords(), options.payloadBytes());
        System.out.print(new RestartTimes(options).run(root.resolve("restart")).report());
        Directories.deleteRecursively(root.resolve("restart"));
      }
    } finally {
      if (options.directory().isEmpty()) {
        Directories.deleteRecursively(root);
      }
    }
  }
}
