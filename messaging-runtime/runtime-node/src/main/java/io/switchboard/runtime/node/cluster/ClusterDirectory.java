package io.switchboard.runtime.node.cluster;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Where the nodes of a cluster listen for their peers. A node reads it whenever it connects to a
 * peer, so an address learnt late (a peer started after this node) or changed (a peer restarted
 * elsewhere) is used from the next connection on.
 */
public interface ClusterDirectory {

  /** Every node of the cluster, this one included. */
  Set<String> nodeIds();

  /** The peer port address of {@code nodeId}; empty while unknown. */
  Optional<InetSocketAddress> peerAddress(String nodeId);
}
