package io.switchboard.runtime.node.peer;

import io.netty.channel.Channel;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PresenceChange;
import io.switchboard.runtime.peer.UpdatePush;
import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.protocol.UpdatePublisher;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which remote gateways have sessions of which users, as their {@link PresenceChange}s said, and
 * the {@link UpdatePublisher} that pushes a user's updates to those gateways over their peer
 * connections.
 *
 * <p>Invariant: a gateway connection appears only while it is open and only for users its last
 * changes named online; {@link #forget} drops it when it closes. Thread-safe; each user's gateways
 * are an immutable set replaced atomically, so {@link #publish} never blocks.
 */
public final class PresenceTable implements UpdatePublisher {

  private final ConcurrentMap<Long, Set<Channel>> gatewaysByUser = new ConcurrentHashMap<>();

  /** Applies a gateway's change; with reset, first forgets everything it said before. */
  void update(Channel gateway, PresenceChange change) {
    if (change.getReset()) {
      forget(gateway);
    }
    for (long user : change.getOnlineList()) {
      gatewaysByUser.compute(user, (u, gateways) -> with(gateways, gateway));
    }
    for (long user : change.getOfflineList()) {
      gatewaysByUser.computeIfPresent(user, (u, gateways) -> without(gateways, gateway));
    }
  }

  /** Forgets a gateway connection, once it closed. */
  void forget(Channel gateway) {
    for (Long user : gatewaysByUser.keySet()) {
      gatewaysByUser.computeIfPresent(
          user,
          (u, gateways) -> gateways.contains(gateway) ? without(gateways, gateway) : gateways);
    }
  }

  /** Number of users with sessions on at least one remote gateway. */
  public int onlineUsers() {
    return gatewaysByUser.size();
  }

  /** Writes the update to every gateway connection with sessions of the user, in call order. */
  @Override
  public void publish(long userId, Update update) {
    Set<Channel> gateways = gatewaysByUser.get(userId);
    if (gateways == null) {
      return;
    }
    PeerReply push =
        PeerReply.newBuilder()
            .setPush(UpdatePush.newBuilder().addUserIds(userId).setUpdate(update))
            .build();
    for (Channel gateway : gateways) {
      gateway.writeAndFlush(push, gateway.voidPromise());
    }
  }

  private static Set<Channel> with(Set<Channel> gateways, Channel gateway) {
    if (gateways == null) {
      return Set.of(gateway);
    }
    Set<Channel> changed = new HashSet<>(gateways);
    changed.add(gateway);
    return Set.copyOf(changed);
  }

  /** The set without {@code gateway}, or {@code null} (no entry) when none is left. */
  private static Set<Channel> without(Set<Channel> gateways, Channel gateway) {
    Set<Channel> changed = new HashSet<>(gateways);
    changed.remove(gateway);
    return changed.isEmpty() ? null : Set.copyOf(changed);
  }
}
