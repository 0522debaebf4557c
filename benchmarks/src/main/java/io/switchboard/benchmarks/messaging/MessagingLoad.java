package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.Measurement;
import io.switchboard.benchmarks.messaging.MessagingLoadOptions.Phase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Load generator for the messaging runtime: N clients send private messages over TCP through the
 * gateways of an embedded cluster, then many idle authenticated connections are held against node
 * processes. It prints durable acknowledged sends per second, latency percentiles (HdrHistogram),
 * messages per fsync, index bytes per stored message and heap per idle connection.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.switchboard.benchmarks.messaging.MessagingLoad \
 *     [--clients 64] [--in-flight 16] [--rate 0|R|half] [--topology 3-per-dc|N-per-dc|single] \
 *     [--replication quorum|single] [--idle-connections 20000] [--phases send,idle] ...
 * </pre>
 *
 * <ol>
 *   <li>Parse the arguments ({@link MessagingLoadOptions}); {@code --help} prints the usage on
 *       stdout and exits 0, invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li>Print the machine: cores, max heap, load average.
 *   <li>Send phase ({@link SendPhase}), unless left out of {@code --phases}.
 *   <li>Idle phase ({@link IdlePhase}), unless left out or {@code --idle-connections 0}.
 *   <li>A failure of either phase prints the reason on stderr and exits 2.
 * </ol>
 */
public final class MessagingLoad {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_FAILED = 2;

  private MessagingLoad() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the steps of the class comment.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains(MessagingLoadOptions.HELP)) {
      out.print(MessagingLoadOptions.USAGE);
      return EXIT_OK;
    }
    MessagingLoadOptions options;
    try {
      options = MessagingLoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(MessagingLoadOptions.USAGE);
      return EXIT_USAGE;
    }
    out.printf(
        "messaging load, %s: %d cores, max heap %d MiB, load average %s%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    try {
      if (options.runs(Phase.SEND)) {
        new SendPhase(options, out).run();
      }
      if (options.runs(Phase.IDLE)) {
        new IdlePhase(options, System.getProperty("java.class.path"), out).run();
      }
      return EXIT_OK;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + describe(e));
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return EXIT_FAILED;
    }
  }

  /**
   * Runs the send phase alone, for other benchmarks in this JVM (the replication comparison):
   * parses {@code args} as the command line would ({@code --phases}, if given, must be {@code
   * send}), runs {@link SendPhase} and prints its progress and reports on {@code out}.
   *
   * @return the figures of each send run (two for {@code --rate half}, closed loop first), named
   *     after the cluster, e.g. {@code Switchboard, quorum replication, 3-per-dc}
   * @throws IllegalArgumentException when an option is invalid or another phase is asked for
   * @throws IOException when the cluster cannot start or the run fails
   */
  public static List<Measurement> measureSends(PrintStream out, String... args)
      throws IOException, InterruptedException {
    MessagingLoadOptions options = MessagingLoadOptions.parse(args);
    if (options.runs(Phase.IDLE)) {
      throw new IllegalArgumentException(
          "measureSends runs the send phase only: give --phases send");
    }
    String system =
        options
            .target()
            .map(target -> "Switchboard at " + target)
            .orElse(
                "Switchboard, " + options.replication() + " replication, " + options.topology());
    return new SendPhase(options, out)
        .run().runs().stream().map(run -> run.measurement(system)).toList();
  }

  /** The first three fields of {@code /proc/loadavg}, or {@code unknown}. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, Math.min(3, fields.length)));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The failure's message, and its cause's unless the message already includes it. */
  private static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (cause == null || message.contains(String.valueOf(cause.getMessage()))) {
      return message;
    }
    return message + ": " + cause;
  }
}
