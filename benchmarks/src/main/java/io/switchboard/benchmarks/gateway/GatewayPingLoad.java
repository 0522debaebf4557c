package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.GatewayAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Load generator for a gateway: many connections ping back to back for a fixed time, and the
 * throughput and round-trip percentiles are printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.switchboard.benchmarks.gateway.GatewayPingLoad \
 *     --connections 32 --duration 20s --warmup 5s [--target host:port]
 * </pre>
 *
 * <ol>
 *   <li>Parse the arguments ({@link LoadOptions}); {@code --help} prints the usage on stdout and
 *       exits 0, invalid arguments print the problem and the usage on stderr and exit 1.
 *   <li>Without {@code --target}, start an {@link InProcessGateway} on loopback.
 *   <li>Run the {@link PingLoad}, printing progress every second, then the report on stdout.
 *   <li>Stop the in-process node, if any. A failure to start it, to connect or during the run
 *       prints the reason on stderr and exits 2.
 * </ol>
 */
public final class GatewayPingLoad {

  static final int EXIT_OK = 0;
  static final int EXIT_USAGE = 1;
  static final int EXIT_FAILED = 2;

  private GatewayPingLoad() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the steps of the class comment.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains(LoadOptions.HELP)) {
      out.print(LoadOptions.USAGE);
      return EXIT_OK;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(LoadOptions.USAGE);
      return EXIT_USAGE;
    }
    try {
      PingLoadResult result =
          options.target().isPresent()
              ? load(options, options.target().get(), "given target", out)
              : loadInProcessGateway(options, out);
      out.print(result.report());
      return EXIT_OK;
    } catch (IOException e) {
      err.println("error: " + describe(e));
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return EXIT_FAILED;
    }
  }

  private static PingLoadResult loadInProcessGateway(LoadOptions options, PrintStream out)
      throws IOException, InterruptedException {
    try (InProcessGateway gateway = InProcessGateway.start()) {
      return load(options, gateway.address(), "in-process node", out);
    }
  }

  private static PingLoadResult load(
      LoadOptions options, GatewayAddress target, String targetKind, PrintStream out)
      throws IOException, InterruptedException {
    out.printf(
        Locale.ROOT,
        "pinging %s (%s) over %d connections: %.1f s warm-up, then %.1f s measured%n",
        target,
        targetKind,
        options.connections(),
        options.warmup().toMillis() / 1_000.0,
        options.duration().toMillis() / 1_000.0);
    return new PingLoad(target, options.connections(), options.warmup(), options.duration(), out)
        .run();
  }

  private static String describe(IOException e) {
    return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause();
  }
}
