package io.switchboard.runtime.node.gateway;

import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.protocol.UpdatePublisher;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The authenticated sessions of one gateway, by user: the {@link UpdatePublisher} that the
 * gateway's messaging endpoint pushes through. A session is added when its connection authenticates
 * and removed when the connection closes ({@link GatewaySessionHandler}).
 *
 * <p>Thread-safe. Each user's sessions are an immutable set, replaced atomically on every change,
 * so {@link #publish} never blocks and sees either the set before or after a concurrent change; a
 * user without sessions has no entry.
 */
public final class SessionRegistry implements UpdatePublisher {

  private final ConcurrentMap<Long, Set<UpdateSink>> sessionsByUser = new ConcurrentHashMap<>();
  private final Presence presence;

  /** Learns when a user gets a first session on this gateway and when its last one closes. */
  public interface Presence {

    /** Called inside the registry's update of {@code userId}: keep it quick, do not block. */
    void online(long userId);

    /** As {@link #online}. */
    void offline(long userId);

    Presence NONE =
        new Presence() {
          @Override
          public void online(long userId) {}

          @Override
          public void offline(long userId) {}
        };
  }

  public SessionRegistry() {
    this(Presence.NONE);
  }

  /**
   * @param presence told of each user's first and last session, in order per user (the calls are
   *     made while the user's entry is being changed)
   */
  public SessionRegistry(Presence presence) {
    this.presence = presence;
  }

  void add(long userId, UpdateSink session) {
    sessionsByUser.compute(
        userId,
        (user, sessions) -> {
          if (sessions == null) {
            presence.online(user);
          }
          return with(sessions, session);
        });
  }

  void remove(long userId, UpdateSink session) {
    sessionsByUser.computeIfPresent(
        userId,
        (user, sessions) -> {
          Set<UpdateSink> left = without(sessions, session);
          if (left == null) {
            presence.offline(user);
          }
          return left;
        });
  }

  /** The users with at least one session on this gateway now. */
  public Set<Long> users() {
    return Set.copyOf(sessionsByUser.keySet());
  }

  /** Number of sessions of {@code userId} on this gateway. */
  public int sessionsOf(long userId) {
    return sessionsByUser.getOrDefault(userId, Set.of()).size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Hands the update to each session, which writes it on its own event loop in call order.
   */
  @Override
  public void publish(long userId, Update update) {
    sessionsByUser.getOrDefault(userId, Set.of()).forEach(session -> session.push(update));
  }

  private static Set<UpdateSink> with(Set<UpdateSink> sessions, UpdateSink session) {
    Set<UpdateSink> changed = sessions == null ? new HashSet<>() : new HashSet<>(sessions);
    changed.add(session);
    return Set.copyOf(changed);
  }

  /** The set without {@code session}, or {@code null} (no entry) when none is left. */
  private static Set<UpdateSink> without(Set<UpdateSink> sessions, UpdateSink session) {
    Set<UpdateSink> changed = new HashSet<>(sessions);
    changed.remove(session);
    return changed.isEmpty() ? null : Set.copyOf(changed);
  }
}
