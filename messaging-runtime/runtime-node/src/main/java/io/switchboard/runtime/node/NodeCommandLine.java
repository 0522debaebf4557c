package io.switchboard.runtime.node;

import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the node process's command line into a {@link NodeConfig} and, for a node of a cluster of
 * processes, the cluster file to read and the placement to compute the shard map with. Options come
 * as {@code --name value} pairs, each at most once; see {@link #USAGE}. Pure: the cluster file is
 * read by {@link NodeMain}.
 */
final class NodeCommandLine {

  static final String USAGE =
      """
      Usage: runtime-node --node-id ID --dc DC --data-dir DIR [options]
             runtime-node --node-id ID --dc DC --data-dir DIR --cluster FILE
                          [--placement single|balanced] [options]
        --node-id ID                node id, e.g. am-1 (required)
        --dc DC                     data centre, e.g. americas (required)
        --data-dir DIR              data directory, created on first start (required)
        --roles ROLE[,ROLE]         gateway, store (default: gateway,store)
        --host HOST                 address to bind (default: %s)
        --gateway-port PORT         client gateway port, 0 = ephemeral (default: 0)
        --admin-port PORT           HTTP admin port, 0 = ephemeral (default: 0)
        --peer-port PORT            port other nodes connect to, 0 = ephemeral (default: 0)
        --max-frame-bytes N         largest client frame body (default: %d)
        --idle-timeout-seconds N    close silent client connections after N s (default: %d)
        --handshake-timeout-seconds N
                                    close client connections without a handshake after N s
                                    (default: %d)
        --write-buffer-low-bytes N  resume reading a client once its unsent answers drain
                                    below N bytes (default: %d)
        --write-buffer-high-bytes N stop reading a client whose unsent answers exceed N bytes
                                    (default: %d)
        --max-outbound-bytes N      disconnect a client whose unsent answers exceed N bytes
                                    (default: %d)
        --slow-consumer-grace-seconds N
                                    disconnect a client whose unsent answers stay above the
                                    high mark for N s (default: %d)
        --cluster FILE              run as a node of a cluster of node processes; FILE lists
                                    one node per line: node-id dc host gateway-port
                                    admin-port peer-port [roles], with fixed ports; blank
                                    lines and text after # are ignored. The node's host,
                                    ports and roles come from its line (--roles, --host and
                                    the port options are then not allowed). Without it the
                                    node is a cluster of one that holds every shard. Every
                                    node starts with the initial map, also after a restart:
                                    the control plane installs newer maps (InstallShardMap).
        --placement MODE            with --cluster, how the initial shard map is computed from
                                    the file's store nodes: single (one copy per shard in its
                                    home data centre) or balanced (a primary and up to two
                                    followers in the home data centre, one asynchronous copy
                                    elsewhere) (default: single)
        --help                      print this message
      """
          .formatted(
              NodeConfig.DEFAULT_HOST,
              FrameCodec.DEFAULT_MAX_FRAME_BYTES,
              NodeConfig.DEFAULT_IDLE_TIMEOUT.toSeconds(),
              NodeConfig.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds(),
              OutboundLimits.DEFAULT.lowWaterMarkBytes(),
              OutboundLimits.DEFAULT.highWaterMarkBytes(),
              OutboundLimits.DEFAULT.maxOutboundBytes(),
              OutboundLimits.DEFAULT.slowConsumerGrace().toSeconds());

  static final String HELP = "--help";

  private static final List<String> OPTIONS =
      List.of(
          "--node-id",
          "--dc",
          "--data-dir",
          "--roles",
          "--host",
          "--gateway-port",
          "--admin-port",
          "--peer-port",
          "--max-frame-bytes",
          "--idle-timeout-seconds",
          "--handshake-timeout-seconds",
          "--write-buffer-low-bytes",
          "--write-buffer-high-bytes",
          "--max-outbound-bytes",
          "--slow-consumer-grace-seconds",
          "--cluster",
          "--placement");

  /** Options a cluster file decides for each node; not allowed together with {@code --cluster}. */
  private static final List<String> FROM_CLUSTER_FILE =
      List.of("--roles", "--host", "--gateway-port", "--admin-port", "--peer-port");

  /**
   * A parsed command line.
   *
   * @param config the node's configuration; in cluster mode its host, ports and roles are the
   *     defaults until {@link ClusterFile#configure} applies the node's line
   * @param clusterFile the {@code --cluster} file; empty for a standalone node
   * @param placement the {@code --placement} mode; {@link ClusterPlacement#SINGLE} when not given
   */
  record Command(NodeConfig config, Optional<Path> clusterFile, ClusterPlacement placement) {}

  private NodeCommandLine() {}

  /**
   * The node configuration of a command line; see {@link #parseCommand}.
   *
   * @throws IllegalArgumentException as {@link #parseCommand}
   */
  static NodeConfig parse(String... args) {
    return parseCommand(args).config();
  }

  /**
   * @throws IllegalArgumentException with a message for the operator when an option is unknown,
   *     repeated, missing its value or required, or has an invalid value, when {@code --placement}
   *     comes without {@code --cluster}, or when {@code --cluster} comes with an option that the
   *     cluster file decides
   */
  static Command parseCommand(String... args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!OPTIONS.contains(option)) {
        throw new IllegalArgumentException("unknown option: " + option);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      if (values.putIfAbsent(option, args[i + 1]) != null) {
        throw new IllegalArgumentException(option + " given more than once");
      }
    }
    Optional<Path> clusterFile = Optional.ofNullable(values.get("--cluster")).map(Path::of);
    if (clusterFile.isPresent()) {
      for (String option : FROM_CLUSTER_FILE) {
        if (values.containsKey(option)) {
          throw new IllegalArgumentException(
              option + " cannot be combined with --cluster: the cluster file sets it");
        }
      }
    } else if (values.containsKey("--placement")) {
      throw new IllegalArgumentException("--placement needs --cluster");
    }
    return new Command(config(values), clusterFile, placement(values));
  }

  private static ClusterPlacement placement(Map<String, String> values) {
    String mode = values.getOrDefault("--placement", "single");
    try {
      return ClusterPlacement.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown placement '" + mode + "'; placements are single, balanced");
    }
  }

  private static NodeConfig config(Map<String, String> values) {
    return new NodeConfig(
        required(values, "--node-id"),
        required(values, "--dc"),
        roles(values.getOrDefault("--roles", "gateway,store")),
        values.getOrDefault("--host", NodeConfig.DEFAULT_HOST),
        integer(values, "--gateway-port", 0),
        integer(values, "--admin-port", 0),
        Path.of(required(values, "--data-dir")),
        integer(values, "--max-frame-bytes", FrameCodec.DEFAULT_MAX_FRAME_BYTES),
        seconds(values, "--idle-timeout-seconds", NodeConfig.DEFAULT_IDLE_TIMEOUT),
        seconds(values, "--handshake-timeout-seconds", NodeConfig.DEFAULT_HANDSHAKE_TIMEOUT),
        outboundLimits(values),
        integer(values, "--peer-port", 0));
  }

  private static OutboundLimits outboundLimits(Map<String, String> values) {
    OutboundLimits defaults = OutboundLimits.DEFAULT;
    return new OutboundLimits(
        integer(values, "--write-buffer-low-bytes", defaults.lowWaterMarkBytes()),
        integer(values, "--write-buffer-high-bytes", defaults.highWaterMarkBytes()),
        integer(values, "--max-outbound-bytes", defaults.maxOutboundBytes()),
        seconds(values, "--slow-consumer-grace-seconds", defaults.slowConsumerGrace()));
  }

  private static Duration seconds(
      Map<String, String> values, String option, Duration defaultValue) {
    return Duration.ofSeconds(integer(values, option, (int) defaultValue.toSeconds()));
  }

  private static String required(Map<String, String> values, String option) {
    String value = values.get(option);
    if (value == null) {
      throw new IllegalArgumentException(option + " is required");
    }
    return value;
  }

  private static int integer(Map<String, String> values, String option, int defaultValue) {
    String value = values.get(option);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer: " + value);
    }
  }

  /** A comma-separated role list, as {@code --roles} and the cluster file take it. */
  static Set<NodeRole> roles(String list) {
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    for (String name : list.split(",", -1)) {
      try {
        roles.add(NodeRole.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown role '"
                + name.trim()
                + "'; roles are "
                + Arrays.toString(NodeRole.values()).toLowerCase(Locale.ROOT));
      }
    }
    return roles;
  }
}
