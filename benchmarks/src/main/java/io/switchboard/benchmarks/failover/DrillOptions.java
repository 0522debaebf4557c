package io.switchboard.benchmarks.failover;

import static io.switchboard.benchmarks.load.OptionPairs.requireRange;

import io.switchboard.benchmarks.load.OptionPairs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run of {@link RepeatedDrills} does, parsed from {@code --name value} pairs, each at most
 * once; see {@link #USAGE}. Pure and immutable.
 *
 * @param drills failover drills to run one after another, 1 to {@value #MAX_DRILLS}
 * @param profile {@code default} or {@code fast} (the control plane's {@code fast} Spring profile:
 *     quicker health checks)
 * @param quietWindow the control plane's {@code switchboard.failover.quiet-window}: a shard failed
 *     over automatically less than this ago is not failed over again. A safety limit between
 *     failovers, not part of a failover's time; the product's default is 60 s, which would refuse
 *     the failover of a node whose shards an earlier drill moved less than a minute before
 * @param jar the packaged control plane
 * @param drillTimeout how long one drill may run before the benchmark gives up on it
 * @param fault the drills' fault: {@code kill} (the node's process dies) or {@code partition} (the
 *     node is cut off its cluster network while it runs on)
 */
record DrillOptions(
    int drills,
    String profile,
    Duration quietWindow,
    Path jar,
    Duration drillTimeout,
    String fault) {

  static final int MAX_DRILLS = 10_000;
  static final int DEFAULT_DRILLS = 20;
  static final Duration DEFAULT_QUIET_WINDOW = Duration.ofSeconds(5);
  static final Path DEFAULT_JAR = Path.of("control-plane", "target", "switchboard.jar");
  static final Duration DEFAULT_DRILL_TIMEOUT = Duration.ofMinutes(3);

  static final String HELP = "--help";

  static final String USAGE =
      """
      Usage: java -cp benchmarks.jar io.switchboard.benchmarks.failover.RepeatedDrills [options]
        --drills N             failover drills, one after another, 1 to %d (default: %d)
        --profile P            default or fast: the control plane's failure detection settings
                               (default: default)
        --quiet-window D       the control plane's switchboard.failover.quiet-window, e.g. 5s,
                               60s (default: %ds; the product's default, 60s, refuses to fail
                               over a shard moved less than a minute ago)
        --jar PATH             the control plane jar (default: %s)
        --drill-timeout D      give up on a drill that has not ended after D (default: %dm)
        --fault F              kill or partition: kill the node, or cut it off its cluster
                               network while it runs on (default: kill)
        --help                 print this message
      """
          .formatted(
              MAX_DRILLS,
              DEFAULT_DRILLS,
              DEFAULT_QUIET_WINDOW.toSeconds(),
              DEFAULT_JAR,
              DEFAULT_DRILL_TIMEOUT.toMinutes());

  private static final List<String> OPTIONS =
      List.of("--drills", "--profile", "--quiet-window", "--jar", "--drill-timeout", "--fault");

  DrillOptions {
    requireRange("--drills", drills, 1, MAX_DRILLS);
    if (!profile.equals("default") && !profile.equals("fast")) {
      throw new IllegalArgumentException("--profile must be default or fast: " + profile);
    }
    if (quietWindow.isNegative()) {
      throw new IllegalArgumentException("--quiet-window must not be negative");
    }
    if (drillTimeout.isZero() || drillTimeout.isNegative()) {
      throw new IllegalArgumentException("--drill-timeout must be positive");
    }
    if (!fault.equals("kill") && !fault.equals("partition")) {
      throw new IllegalArgumentException("--fault must be kill or partition: " + fault);
    }
  }

  /**
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated or missing its value, or a value is invalid
   */
  static DrillOptions parse(String... args) {
    OptionPairs values = OptionPairs.parse(OPTIONS, args);
    return new DrillOptions(
        values.integer("--drills", DEFAULT_DRILLS),
        values.text("--profile", "default"),
        values.duration("--quiet-window", DEFAULT_QUIET_WINDOW),
        values.text("--jar").map(Path::of).orElse(DEFAULT_JAR),
        values.duration("--drill-timeout", DEFAULT_DRILL_TIMEOUT),
        values.text("--fault", "kill"));
  }
}
