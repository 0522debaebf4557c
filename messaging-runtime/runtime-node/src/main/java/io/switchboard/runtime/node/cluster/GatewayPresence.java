package io.switchboard.runtime.node.cluster;

import io.switchboard.runtime.node.gateway.SessionRegistry;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.peer.PresenceChange;
import java.util.function.Supplier;

/**
 * Tells the store nodes which users have sessions on this gateway, so that they push those users'
 * updates here: each first and last session of a user as it happens, and the whole set at the start
 * of every peer connection (see {@link io.switchboard.runtime.node.peer.PeerLink}).
 */
public final class GatewayPresence implements SessionRegistry.Presence {

  private final Supplier<PeerLinks> peers;

  /**
   * @param peers the links to tell; read on every change (set once the links exist)
   */
  public GatewayPresence(Supplier<PeerLinks> peers) {
    this.peers = peers;
  }

  @Override
  public void online(long userId) {
    PeerLinks links = peers.get();
    if (links != null) {
      links.tellKept(PresenceChange.newBuilder().addOnline(userId).build());
    }
  }

  @Override
  public void offline(long userId) {
    PeerLinks links = peers.get();
    if (links != null) {
      links.tellKept(PresenceChange.newBuilder().addOffline(userId).build());
    }
  }

  /** The reset that opens a peer connection: every user with a session here now. */
  public static PresenceChange snapshot(SessionRegistry sessions) {
    return PresenceChange.newBuilder().setReset(true).addAllOnline(sessions.users()).build();
  }
}
