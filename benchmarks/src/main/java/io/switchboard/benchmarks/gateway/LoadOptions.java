package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.OptionPairs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run of {@link GatewayPingLoad} does, parsed from its command line. Options come as
 * {@code --name value} pairs, each at most once; see {@link #USAGE}. Bounded: at most {@value
 * #MAX_CONNECTIONS} connections, a positive measured duration and a warm-up of at most {@link
 * #MAX_DURATION} each.
 *
 * @param connections concurrent gateway connections, 1 to {@value #MAX_CONNECTIONS}
 * @param duration how long the measured phase lasts, positive, at most {@link #MAX_DURATION}
 * @param warmup how long the unmeasured phase before it lasts, zero or more, at most {@link
 *     #MAX_DURATION}
 * @param target the gateway to load; empty to start one in-process node on loopback
 */
record LoadOptions(
    int connections, Duration duration, Duration warmup, Optional<GatewayAddress> target) {

  static final int MAX_CONNECTIONS = 1_024;
  static final Duration MAX_DURATION = Duration.ofHours(1);

  static final int DEFAULT_CONNECTIONS = 8;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(20);
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);

  static final String HELP = "--help";

  static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.gateway.GatewayPingLoad [options]
        --connections N      concurrent connections, 1 to %d (default: %d)
        --duration D         measured time, e.g. 20s, 500ms, 2m (default: %ds)
        --warmup D           unmeasured time before it, may be 0s (default: %ds)
        --target HOST:PORT   gateway to load (default: start one in-process node on loopback)
        --help               print this message
      """
          .formatted(
              MAX_CONNECTIONS,
              DEFAULT_CONNECTIONS,
              DEFAULT_DURATION.toSeconds(),
              DEFAULT_WARMUP.toSeconds());

  private static final List<String> OPTIONS =
      List.of("--connections", "--duration", "--warmup", "--target");

  LoadOptions {
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException(
          "--connections must be between 1 and " + MAX_CONNECTIONS + ": " + connections);
    }
    if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--duration must be positive and at most " + MAX_DURATION.toMinutes() + "m");
    }
    if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "--warmup must be at most " + MAX_DURATION.toMinutes() + "m");
    }
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, or a value is invalid or out of bounds
   */
  static LoadOptions parse(String... args) {
    OptionPairs values = OptionPairs.parse(OPTIONS, args);
    return new LoadOptions(
        values.integer("--connections", DEFAULT_CONNECTIONS),
        values.duration("--duration", DEFAULT_DURATION),
        values.duration("--warmup", DEFAULT_WARMUP),
        values.text("--target").map(LoadOptions::target));
  }

  private static GatewayAddress target(String text) {
    try {
      return GatewayAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target: " + e.getMessage(), e);
    }
  }
}
