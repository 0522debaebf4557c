package io.switchboard.runtime.node;

import io.switchboard.runtime.node.gateway.OutboundLimits;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.topology.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link RuntimeNode} needs to start. Immutable and validated on construction.
 *
 * @param nodeId the node id (see {@link NodeIdentity} for the syntax)
 * @param dc the node's data centre (same syntax)
 * @param roles at least one role; held as an unmodifiable set in enum order
 * @param host the address both ports bind to
 * @param gatewayPort the client gateway port, 0 for an ephemeral port; unused without {@link
 *     NodeRole#GATEWAY}
 * @param adminPort the HTTP admin port (health, stats, metrics), 0 for an ephemeral port
 * @param dataDir the node's data directory, created on first start
 * @param maxFrameBytes largest client frame body the gateway accepts, at least 1
 * @param idleTimeout the gateway closes connections silent for this long; a whole number of
 *     seconds, at least one, because the handshake announces it in seconds
 * @param handshakeTimeout the gateway closes a connection that has not completed its handshake this
 *     long after it opened; positive. Not announced (it runs before the handshake); keep it below
 *     {@code idleTimeout}, or a silent client is closed by the idle timeout first
 * @param outboundLimits how much unsent output a gateway connection may hold before its client is
 *     disconnected as a slow consumer; keep its grace below {@code idleTimeout}, or a connection
 *     the gateway stopped reading from is closed by the idle timeout first
 * @param peerPort the port other nodes of the cluster connect to (peer protocol), 0 for an
 *     ephemeral port
 */
public record NodeConfig(
    String nodeId,
    String dc,
    Set<NodeRole> roles,
    String host,
    int gatewayPort,
    int adminPort,
    Path dataDir,
    int maxFrameBytes,
    Duration idleTimeout,
    Duration handshakeTimeout,
    OutboundLimits outboundLimits,
    int peerPort) {

  /** Loopback: nodes are reachable from this machine only unless configured otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Idle timeout announced to clients unless configured otherwise. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** Time a new gateway connection has to complete its handshake unless configured otherwise. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  public NodeConfig {
    new NodeIdentity(nodeId, dc); // validates both names
    Objects.requireNonNull(roles, "roles");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a node needs at least one role");
    }
    roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    requirePort("gatewayPort", gatewayPort);
    requirePort("adminPort", adminPort);
    requirePort("peerPort", peerPort);
    Objects.requireNonNull(dataDir, "dataDir");
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.getNano() != 0
        || idleTimeout.getSeconds() < 1
        || idleTimeout.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "idleTimeout must be a whole number of seconds, at least one: " + idleTimeout);
    }
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
    }
    Objects.requireNonNull(outboundLimits, "outboundLimits");
  }

  /**
   * A configuration with {@link #DEFAULT_HANDSHAKE_TIMEOUT}, {@link OutboundLimits#DEFAULT} and an
   * ephemeral peer port, the other values as given.
   */
  public NodeConfig(
      String nodeId,
      String dc,
      Set<NodeRole> roles,
      String host,
      int gatewayPort,
      int adminPort,
      Path dataDir,
      int maxFrameBytes,
      Duration idleTimeout) {
    this(
        nodeId,
        dc,
        roles,
        host,
        gatewayPort,
        adminPort,
        dataDir,
        maxFrameBytes,
        idleTimeout,
        DEFAULT_HANDSHAKE_TIMEOUT,
        OutboundLimits.DEFAULT,
        0);
  }

  /**
   * A configuration with the defaults: {@link #DEFAULT_HOST}, ephemeral ports, {@link
   * FrameCodec#DEFAULT_MAX_FRAME_BYTES}, {@link #DEFAULT_IDLE_TIMEOUT}, {@link
   * #DEFAULT_HANDSHAKE_TIMEOUT} and {@link OutboundLimits#DEFAULT}.
   */
  public static NodeConfig of(String nodeId, String dc, Set<NodeRole> roles, Path dataDir) {
    return new NodeConfig(
        nodeId,
        dc,
        roles,
        DEFAULT_HOST,
        0,
        0,
        dataDir,
        FrameCodec.DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** This configuration with other gateway and admin ports. */
  public NodeConfig withPorts(int gatewayPort, int adminPort) {
    return withPorts(gatewayPort, adminPort, peerPort);
  }

  /** This configuration with other ports; used to restart a node where it listened before. */
  public NodeConfig withPorts(int gatewayPort, int adminPort, int peerPort) {
    return new NodeConfig(
        nodeId,
        dc,
        roles,
        host,
        gatewayPort,
        adminPort,
        dataDir,
        maxFrameBytes,
        idleTimeout,
        handshakeTimeout,
        outboundLimits,
        peerPort);
  }

  /** This configuration with another handshake timeout. */
  public NodeConfig withHandshakeTimeout(Duration handshakeTimeout) {
    return new NodeConfig(
        nodeId,
        dc,
        roles,
        host,
        gatewayPort,
        adminPort,
        dataDir,
        maxFrameBytes,
        idleTimeout,
        handshakeTimeout,
        outboundLimits,
        peerPort);
  }

  /** This configuration with other outbound limits for gateway connections. */
  public NodeConfig withOutboundLimits(OutboundLimits outboundLimits) {
    return new NodeConfig(
        nodeId,
        dc,
        roles,
        host,
        gatewayPort,
        adminPort,
        dataDir,
        maxFrameBytes,
        idleTimeout,
        handshakeTimeout,
        outboundLimits,
        peerPort);
  }

  /** Whether the node holds {@code role}. */
  public boolean hasRole(NodeRole role) {
    return roles.contains(role);
  }

  /** The id and data centre the node owns its data directory under. */
  public NodeIdentity identity() {
    return new NodeIdentity(nodeId, dc);
  }

  private static void requirePort(String what, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(what + " must be between 0 and 65535: " + port);
    }
  }
}
