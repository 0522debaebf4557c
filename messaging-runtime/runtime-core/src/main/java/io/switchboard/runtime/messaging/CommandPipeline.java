package io.switchboard.runtime.messaging;

import com.google.protobuf.Message;
import io.switchboard.runtime.replication.NotPrimaryException;
import io.switchboard.runtime.replication.StaleEpochException;
import io.switchboard.runtime.replication.node.NodeReplicas;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogPosition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The path every mutating request takes, shared by the use-case classes behind {@link
 * MessagingService}:
 *
 * <ol>
 *   <li>the caller checks the request ({@link RequestChecks}, {@link #requireKnownIfLedHere});
 *   <li>{@link #propose} routes by shard (a shard led elsewhere: {@link NotLeaderException}) and
 *       proposes the command to the shard's replica at the shard's epoch ({@link NodeReplicas}, ADR
 *       0008), which appends it as the shard's next entry;
 *   <li>once committed and applied (for the single-voter shards of today: durable, then recorded
 *       committed by a COMMIT record), on the executor: the queued updates go to the {@link
 *       UpdateListener}s in log order, the outbox listeners learn about lanes with new entries, and
 *       the future yields the apply's result;
 *   <li>the caller turns the result into its answer with {@link #expect}, a refusal into a {@link
 *       MessagingException}.
 * </ol>
 */
final class CommandPipeline {

  private static final System.Logger LOG = System.getLogger(CommandPipeline.class.getName());

  private final DurableLog log;
  private final NodeReplicas replicas;
  private final MessagingState state;
  private final NodeContext context;
  private final ShardRouter router;
  private final List<UpdateListener> updateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<OutboxLane>>> outboxListeners = new CopyOnWriteArrayList<>();

  CommandPipeline(
      DurableLog log, NodeReplicas replicas, MessagingState state, NodeContext context) {
    this.log = log;
    this.replicas = replicas;
    this.state = state;
    this.context = context;
    this.router = new ShardRouter(context);
  }

  MessagingState state() {
    return state;
  }

  NodeContext context() {
    return context;
  }

  ShardRouter router() {
    return router;
  }

  MessagingLimits limits() {
    return state.limits();
  }

  void addUpdateListener(UpdateListener listener) {
    updateListeners.add(listener);
  }

  void addOutboxListener(Consumer<List<OutboxLane>> listener) {
    outboxListeners.add(listener);
  }

  /** Fails with {@code UNKNOWN_PEER} when this node leads the user's shard and has no such user. */
  void requireKnownIfLedHere(long userId) {
    if (router.leads(Shards.shardOf(userId)) && !state.userExists(userId)) {
      throw new MessagingException(Rejection.UNKNOWN_PEER, "no user " + userId);
    }
  }

  NodeReplicas replicas() {
    return replicas;
  }

  /**
   * Proposes a command on {@code shard} at its current epoch; completes with the result of applying
   * it (at commit), after its updates were published and the relay woken.
   *
   * @throws NotLeaderException when this node does not lead {@code shard}
   * @throws MessagingException {@code NOT_LEADER} when the shard's replica cannot be its primary,
   *     {@code STALE_EPOCH} when it has seen a higher epoch than the node's shard map
   */
  CompletableFuture<Applied> propose(int shard, CommandKind kind, Message command) {
    ReplicaSet set = router.requireLocal(shard);
    CompletableFuture<LogPosition> applied;
    try {
      applied = replicas.propose(shard, set, kind.type(), command.toByteArray());
    } catch (NotPrimaryException e) {
      throw new MessagingException(Rejection.NOT_LEADER, e.getMessage());
    } catch (StaleEpochException e) {
      throw new MessagingException(Rejection.STALE_EPOCH, e.getMessage());
    } catch (MessagingException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // The log refused the record (closed, failed, full): as its append future used to fail.
      return CompletableFuture.failedFuture(e);
    }
    return applied
        .exceptionally(
            failure -> {
              Throwable cause =
                  failure instanceof java.util.concurrent.CompletionException
                          && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof NotPrimaryException dropped) {
                throw new MessagingException(Rejection.NOT_LEADER, dropped.getMessage());
              }
              throw failure instanceof RuntimeException runtime
                  ? runtime
                  : new java.util.concurrent.CompletionException(failure);
            })
        // The replicas complete a proposal on the executor, outside the shard's lock: the rest of
        // the path runs there too, without one more task.
        .thenApply(position -> afterApply(state.takeResult(position)));
  }

  private Applied afterApply(Applied applied) {
    state.drainPushes(log.endPosition().offset(), this::publish);
    if (!applied.lanesWithNewEntries().isEmpty()) {
      for (Consumer<List<OutboxLane>> listener : outboxListeners) {
        listener.accept(applied.lanesWithNewEntries());
      }
    }
    return applied;
  }

  private void publish(Applied.Push push) {
    for (UpdateListener listener : updateListeners) {
      try {
        listener.onUpdate(push.userId(), push.update());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "an update listener failed; update dropped", e);
      }
    }
  }

  /**
   * The outcome of an applied command, of the type a successful apply yields.
   *
   * @throws MessagingException when the apply refused the command
   */
  static <T extends Outcome> T expect(Applied applied, Class<T> type) {
    if (applied.outcome() instanceof Outcome.Rejected rejected) {
      throw new MessagingException(rejected.rejection(), rejected.detail());
    }
    return type.cast(applied.outcome());
  }

  /** For commands with nothing to report: checks that the apply did not refuse. */
  static Void done(Applied applied) {
    expect(applied, Outcome.Done.class);
    return null;
  }

  /** Runs a request, turning a refusal thrown before the append into a failed future. */
  static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> request) {
    try {
      return request.get();
    } catch (MessagingException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  /** The shard of an acting user; an invalid id is an unknown user. */
  static int shardOfActor(long userId) {
    return Shards.shardOf(RequestChecks.actor(userId));
  }

  /** The shard of a user, group or channel a request names; an invalid id is an unknown peer. */
  static int shardOfPeer(long id) {
    return Shards.shardOf(RequestChecks.peer(id));
  }
}
