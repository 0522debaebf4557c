package io.switchboard.runtime.node.cluster;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory that the launcher of a set of nodes fills as it binds them: the embedded cluster,
 * tests. Members are fixed at construction; addresses are added as nodes start. Thread-safe.
 */
public final class MutableClusterDirectory implements ClusterDirectory {

  private final Set<String> members;
  private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();

  public MutableClusterDirectory(Collection<String> members) {
    this.members = Set.copyOf(members);
  }

  /** Records where {@code nodeId} listens for peers. */
  public void put(String nodeId, InetSocketAddress peerAddress) {
    if (!members.contains(nodeId)) {
      throw new IllegalArgumentException(nodeId + " is not a member of this cluster");
    }
    addresses.put(nodeId, peerAddress);
  }

  @Override
  public Set<String> nodeIds() {
    return members;
  }

  @Override
  public Optional<InetSocketAddress> peerAddress(String nodeId) {
    return Optional.ofNullable(addresses.get(nodeId));
  }
}
