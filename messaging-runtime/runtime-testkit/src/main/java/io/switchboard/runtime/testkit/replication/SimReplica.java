package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.FetchOutcome;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.ReplicationListener;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.StaleEpochException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A simulated node holding one replica of the shard: the real {@link ShardReplica} on a {@link
 * FakeShardLog}, driven by messages from the {@link FakeNetwork}. It crashes (its disk keeps what
 * was synced) and restarts (it reopens the replica from its log, unassigned until the control plane
 * points it somewhere). Proposals made at it while it is primary are acknowledged to the client
 * when its commit seq reaches them, and fail when it steps down or crashes.
 */
final class SimReplica {

  /** Kind of the entries the simulated client proposes. */
  static final int KIND = 1;

  /** The simulated shard. */
  static final int SHARD = 0;

  /** A fetch without an answer is sent again after this long. */
  private static final long FETCH_TIMEOUT_MILLIS = 30;

  /** A caught-up follower polls again after this long. */
  private static final long POLL_MILLIS = 3;

  private final String id;
  private final ReplicationLimits limits;
  private final Consumer<String> onControlCommand;
  private final FakeShardLog log = new FakeShardLog();
  private final FakeNetwork<SimMessage> network;
  private final Clock clock;
  private final EventTrace trace;
  private final SimCounters counters;
  private final ReplicationInvariants invariants;
  private final ArrayDeque<ShardEntry> pending = new ArrayDeque<>();
  private ShardReplica replica;
  private long restartAt;
  private boolean fetchOutstanding;
  private long fetchSentAt;
  private long nextFetchAt;

  /**
   * A replica whose fetch answers carry at most {@code maxFetchBytes} of payload, and which tells
   * {@code onControlCommand} its id after each fence or promotion it handled.
   */
  SimReplica(
      String id,
      int maxFetchBytes,
      Consumer<String> onControlCommand,
      FakeNetwork<SimMessage> network,
      Clock clock,
      EventTrace trace,
      SimCounters counters,
      ReplicationInvariants invariants) {
    this.id = id;
    this.limits = new ReplicationLimits(maxFetchBytes, 64);
    this.onControlCommand = onControlCommand;
    this.network = network;
    this.clock = clock;
    this.trace = trace;
    this.counters = counters;
    this.invariants = invariants;
    open();
  }

  String id() {
    return id;
  }

  FakeShardLog log() {
    return log;
  }

  /** The running replica, empty while the node is down. */
  Optional<ShardReplica> replica() {
    return Optional.ofNullable(replica);
  }

  /** The node dies: the disk loses what was not synced, pending proposals fail. */
  void crash(long restartAt) {
    trace.add(
        id + " crashes (" + describe() + "), down for " + (restartAt - clock.millis()) + " ms");
    replica = null;
    log.crash();
    pending.clear();
    fetchOutstanding = false;
    this.restartAt = restartAt;
    counters.crashes++;
  }

  /** Restarts the node if it is down and its time has come. */
  void restartIfDue() {
    if (replica == null && clock.millis() >= restartAt) {
      open();
      trace.add(id + " restarts (" + describe() + ")");
    }
  }

  private void open() {
    ReplicationListener listener =
        new ReplicationListener() {
          @Override
          public void committed(long commitSeq) {
            while (!pending.isEmpty() && pending.peekFirst().seq() <= commitSeq) {
              invariants.acknowledged(id, log, pending.pollFirst());
              counters.acknowledged++;
            }
          }

          @Override
          public void steppedDown(long epoch, long higherEpoch) {
            trace.add(
                id
                    + " steps down from epoch "
                    + epoch
                    + " (saw "
                    + higherEpoch
                    + "), "
                    + pending.size()
                    + " proposals fail");
            pending.clear();
          }
        };
    replica = ShardReplica.open(SHARD, id, log, clock, listener, limits);
    invariants.opened(id, replica, log);
    nextFetchAt = clock.millis();
  }

  /** An fsync of the node's log. */
  void sync() {
    if (replica != null) {
      log.sync();
      replica.onDurable();
    }
  }

  /** A client proposal; false if this replica is not a running primary. */
  boolean propose(byte[] payload) {
    if (replica == null || replica.role() != ShardReplica.Role.PRIMARY) {
      return false;
    }
    long seq = replica.propose(KIND, payload);
    pending.addLast(log.entry(seq));
    counters.proposed++;
    return true;
  }

  /** Sends the next fetch if this replica follows someone and has none outstanding. */
  void fetchIfDue() {
    long now = clock.millis();
    if (replica == null
        || now < nextFetchAt
        || (fetchOutstanding && now - fetchSentAt < FETCH_TIMEOUT_MILLIS)) {
      return;
    }
    Optional<FetchRequest> request = replica.nextFetch();
    if (request.isPresent()) {
      String primary = replica.follower().orElseThrow().primaryId();
      network.send(id, primary, new SimMessage.Fetch(request.get()));
      fetchOutstanding = true;
      fetchSentAt = now;
    }
  }

  /** Handles a message; a down node loses it. */
  void receive(String from, SimMessage message) {
    if (replica == null) {
      return;
    }
    if (message instanceof SimMessage.Fetch fetch) {
      network.send(id, from, new SimMessage.FetchAnswer(replica.onFetch(fetch.request())));
    } else if (message instanceof SimMessage.FetchAnswer answer) {
      onFetchOutcome(replica.onFetchResponse(answer.response()));
    } else if (message instanceof SimMessage.Fence fence) {
      try {
        network.send(id, from, new SimMessage.Fenced(replica.fence(fence.epoch())));
      } catch (StaleEpochException refused) {
        network.send(id, from, new SimMessage.FenceRefused(fence.epoch(), refused.highestSeen()));
      }
      onControlCommand.accept(id);
    } else if (message instanceof SimMessage.Promote promote) {
      onPromote(from, promote);
      onControlCommand.accept(id);
    } else if (message instanceof SimMessage.Follow follow) {
      try {
        replica.follow(follow.primary(), follow.epoch());
      } catch (StaleEpochException | IllegalStateException refused) {
        // A newer promotion is under way (or, with a faulty control plane, this replica serves the
        // epoch itself): the command is refused and the control plane will point it again.
      }
    } else if (message instanceof SimMessage.Heartbeat heartbeat) {
      boolean serving =
          replica.primary().map(primary -> primary.epoch() == heartbeat.epoch()).orElse(false);
      network.send(id, from, new SimMessage.HeartbeatAnswer(heartbeat.epoch(), serving));
    }
  }

  private void onPromote(String from, SimMessage.Promote promote) {
    try {
      boolean already =
          replica.primary().filter(primary -> primary.epoch() == promote.epoch()).isPresent();
      replica.promote(promote.epoch(), promote.group());
      if (!already) {
        trace.add(id + " promoted at epoch " + promote.epoch() + " (" + describe() + ")");
      }
      network.send(id, from, new SimMessage.PromoteAnswer(promote.epoch(), false));
    } catch (StaleEpochException refused) {
      network.send(id, from, new SimMessage.PromoteAnswer(promote.epoch(), true));
    }
  }

  private void onFetchOutcome(FetchOutcome outcome) {
    fetchOutstanding = false;
    long now = clock.millis();
    nextFetchAt = outcome == FetchOutcome.NOTHING_NEW ? now + POLL_MILLIS : now;
    if (outcome == FetchOutcome.TRUNCATED) {
      counters.truncations++;
      trace.add(id + " truncated a divergent suffix (" + describe() + ")");
    }
  }

  /** A short description of the replica's state, for the trace. */
  String describe() {
    if (replica == null) {
      return "down, last " + log.lastSeq() + ", commit " + log.commitSeq();
    }
    return replica.role()
        + ", epoch "
        + replica.highestEpoch()
        + ", last "
        + replica.lastSeq()
        + "@"
        + replica.lastEpoch()
        + ", durable "
        + log.durableSeq()
        + ", commit "
        + replica.commitSeq();
  }
}
