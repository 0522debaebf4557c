package io.switchboard.runtime.node;

import io.switchboard.runtime.node.cluster.ClusterMembership;
import io.switchboard.runtime.node.cluster.MutableClusterDirectory;
import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.Placement;
import io.switchboard.runtime.sharding.ReplicaPlacement;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The members of a cluster of node processes, as every one of them reads it at start: one node per
 * line, {@code node-id dc host gateway-port admin-port peer-port [roles]}, fields separated by
 * blanks; {@code roles} is a comma-separated list as for {@code --roles} (default {@code
 * gateway,store}). Blank lines and text after {@code #} are ignored. Ports are fixed (1 to 65535,
 * no two the same on one host), so that every process knows where each peer listens before the peer
 * runs.
 *
 * <p>Every process that reads the same file computes the same initial shard map: the placements are
 * deterministic over the store nodes of each data centre, taken in file order. The control plane
 * reads the same file to reach the nodes and to know the map they start with.
 *
 * @param members the nodes, in file order
 */
public record ClusterFile(List<Member> members) {

  /** One line of the file. */
  public record Member(
      String nodeId,
      String dc,
      String host,
      int gatewayPort,
      int adminPort,
      int peerPort,
      Set<NodeRole> roles) {

    public Member {
      roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** Whether the node holds replicas. */
    public boolean isStore() {
      return roles.contains(NodeRole.STORE);
    }
  }

  public ClusterFile {
    members = List.copyOf(members);
  }

  /**
   * Reads and parses {@code file}.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the file and line of the first mistake
   */
  public static ClusterFile read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cluster file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the file's text; pure.
   *
   * @throws IllegalArgumentException naming the line of the first mistake: a line without 6 or 7
   *     fields, an invalid node id or data centre name, a port that is not an integer from 1 to
   *     65535, a node id listed twice, a host and port used twice, an unknown role; or a file
   *     without nodes
   */
  static ClusterFile parse(String text) {
    List<Member> members = new ArrayList<>();
    Map<String, Integer> lineOfNode = new HashMap<>();
    Map<String, String> userOfAddress = new HashMap<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      int comment = line.indexOf('#');
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      Member member;
      try {
        member = member(line.split("\\s+"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
      }
      Integer earlier = lineOfNode.putIfAbsent(member.nodeId(), lineNumber);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "line "
                + lineNumber
                + ": node "
                + member.nodeId()
                + " is already listed on line "
                + earlier);
      }
      for (Map.Entry<String, Integer> port :
          List.of(
              Map.entry("gateway port", member.gatewayPort()),
              Map.entry("admin port", member.adminPort()),
              Map.entry("peer port", member.peerPort()))) {
        String address = member.host() + ":" + port.getValue();
        String user = member.nodeId() + "'s " + port.getKey();
        String other = userOfAddress.putIfAbsent(address, user);
        if (other != null) {
          throw new IllegalArgumentException(
              "line " + lineNumber + ": " + address + " is both " + other + " and " + user);
        }
      }
      members.add(member);
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no nodes listed");
    }
    return new ClusterFile(members);
  }

  private static Member member(String[] fields) {
    if (fields.length != 6 && fields.length != 7) {
      throw new IllegalArgumentException(
          "expected 'node-id dc host gateway-port admin-port peer-port [roles]', got "
              + fields.length
              + " fields");
    }
    new NodeIdentity(fields[0], fields[1]); // validates both names
    return new Member(
        fields[0],
        fields[1],
        fields[2],
        port("gateway-port", fields[3]),
        port("admin-port", fields[4]),
        port("peer-port", fields[5]),
        fields.length == 7
            ? NodeCommandLine.roles(fields[6])
            : EnumSet.of(NodeRole.GATEWAY, NodeRole.STORE));
  }

  private static int port(String what, String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be an integer: " + value);
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(what + " must be between 1 and 65535: " + value);
    }
    return port;
  }

  /** The line of {@code nodeId}. */
  Optional<Member> member(String nodeId) {
    return members.stream().filter(member -> member.nodeId().equals(nodeId)).findFirst();
  }

  /**
   * {@code config} as the node's line says: its host, ports and roles.
   *
   * @throws IllegalArgumentException if the node is not listed, or listed in another data centre
   */
  NodeConfig configure(NodeConfig config) {
    Member member =
        member(config.nodeId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "node "
                            + config.nodeId()
                            + " is not listed in the cluster file; it lists "
                            + members.stream().map(Member::nodeId).toList()));
    if (!member.dc().equals(config.dc())) {
      throw new IllegalArgumentException(
          "node "
              + config.nodeId()
              + " is in data centre "
              + member.dc()
              + " by the cluster file, not "
              + config.dc());
    }
    return new NodeConfig(
        config.nodeId(),
        config.dc(),
        member.roles(),
        member.host(),
        member.gatewayPort(),
        member.adminPort(),
        config.dataDir(),
        config.maxFrameBytes(),
        config.idleTimeout(),
        config.handshakeTimeout(),
        config.outboundLimits(),
        member.peerPort());
  }

  /** The store nodes of every data centre, in file order: the input of a placement. */
  Map<String, List<String>> storesByDc() {
    Map<String, List<String>> stores = new LinkedHashMap<>();
    for (Member member : members) {
      if (member.isStore()) {
        stores.computeIfAbsent(member.dc(), dc -> new ArrayList<>()).add(member.nodeId());
      }
    }
    return stores;
  }

  /**
   * The initial shard map by {@code placement} over the store nodes, with the default homes.
   *
   * @throws IllegalArgumentException if the placement cannot place every shard (a data centre that
   *     homes shards has no store node)
   */
  public Placement place(ReplicaPlacement placement) {
    return placement.place(HomeDataCenters.defaults(), storesByDc());
  }

  /**
   * What a node of this cluster starts with: every member at its peer address, the map {@code
   * placement} gives, the default homes and log options.
   */
  ClusterMembership membership(Placement placement) {
    MutableClusterDirectory directory =
        new MutableClusterDirectory(members.stream().map(Member::nodeId).toList());
    for (Member member : members) {
      directory.put(member.nodeId(), new InetSocketAddress(member.host(), member.peerPort()));
    }
    return new ClusterMembership(
        directory, placement.map(), HomeDataCenters.defaults(), LogOptions.defaults());
  }
}
