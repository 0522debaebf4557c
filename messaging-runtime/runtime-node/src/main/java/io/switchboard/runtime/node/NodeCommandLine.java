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
import java.util.Set;

/**
 * Parses the node process's command line into a {@link NodeConfig}. Options come as {@code --name
 * value} pairs, each at most once; see {@link #USAGE}. Pure.
 */
final class NodeCommandLine {

  static final String USAGE =
      """
      Usage: runtime-node --node-id ID --dc DC --data-dir DIR [options]
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
          "--slow-consumer-grace-seconds");

  private NodeCommandLine() {}

  /**
   * @throws IllegalArgumentException with a message for the operator when an option is unknown,
   *     repeated, missing its value or required, or has an invalid value
   */
  static NodeConfig parse(String... args) {
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

  private static Set<NodeRole> roles(String list) {
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
