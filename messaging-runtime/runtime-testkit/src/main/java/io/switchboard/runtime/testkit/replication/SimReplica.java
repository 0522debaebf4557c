package io.switchboard.runtime.testkit.replication;

import io.switchboard.runtime.replication.FetchOutcome;
import io.switchboard.runtime.replication.FetchRequest;
import io.switchboard.runtime.replication.FetchResponse;
import io.switchboard.runtime.replication.FollowerReplication;
import io.switchboard.runtime.replication.PrimaryReplication;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.ReplicationListener;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.StaleEpochException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A simulated node holding one replica of the shard: the real {@link ShardReplica} on a {@link
 * FakeShardLog}, driven by messages from the {@link FakeNetwork}. It crashes (its disk keeps what
 * was synced) and restarts (it reopens the replica from its log, unassigned until the control plane
 * points it somewhere). Proposals made at it while it is primary are acknowledged to the client
 * when its commit seq reaches them, and fail when it steps down or crashes.
 *
 * <p>Snapshot catch-up: told {@link FetchOutcome#IMAGE_NEEDED}, a follower asks the primary it
 * follows for an image ({@link SimMessage.ImageRequest}); a primary still serving that epoch
 * answers with the image of its committed prefix; whatever image arrives, the follower offers it to
 * its replica ({@link ShardReplica#installImage}), which refuses the late and stale ones, and
 * fetches on. A node may also compact its own log ({@link #compact()}).
 *
 * <p>Monitoring: asked by the control plane whether it reaches a node ({@link SimMessage.Probe}), a
 * running replica sends that node a {@link SimMessage.ProbePing} over the network and answers
 * reachable if the pong comes back within {@link #PROBE_TIMEOUT_MILLIS}, unreachable otherwise (as
 * the real {@code ProbePeer} call does). Any running node answers pings, whatever its role.
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

  /**
   * How long a monitor waits for the probed node's pong: the real probe timeout (1 s against 750 ms
   * health checks) scaled to the simulation's 20 ms checks, above a usual round trip (2 to 16 ms).
   */
  static final long PROBE_TIMEOUT_MILLIS = 25;

  /** A probe this node runs for the control plane. */
  private record PendingProbe(String requester, long deadline) {}

  private final String id;
  private final ReplicationLimits limits;
  private final SimulationFault fault;
  private final Consumer<String> onControlCommand;
  private final FakeShardLog log = new FakeShardLog();
  private final FakeNetwork<SimMessage> network;
  private final Clock clock;
  private final EventTrace trace;
  private final SimCounters counters;
  private final ReplicationInvariants invariants;
  private final ArrayDeque<ShardEntry> pending = new ArrayDeque<>();
  private final Map<Long, PendingProbe> probes = new TreeMap<>();
  private ShardReplica replica;
  private long restartAt;
  private boolean fetchOutstanding;
  private boolean awaitingImage;
  private long fetchSentAt;
  private long nextFetchAt;

  /**
   * A replica with {@code limits} (fetch answer size, image catch-up), which tells {@code
   * onControlCommand} its id after each fence or promotion it handled.
   */
  SimReplica(
      String id,
      ReplicationLimits limits,
      SimulationFault fault,
      Consumer<String> onControlCommand,
      FakeNetwork<SimMessage> network,
      Clock clock,
      EventTrace trace,
      SimCounters counters,
      ReplicationInvariants invariants) {
    this.id = id;
    this.limits = limits;
    this.fault = fault;
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
    probes.clear();
    fetchOutstanding = false;
    awaitingImage = false;
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

  /**
   * The node compacts its log: its durably committed prefix becomes an image, so fetches from below
   * it are answered ImageNeeded while it is primary.
   */
  void compact() {
    if (replica != null) {
      invariants.checkReplica(id, replica, log);
      log.compact(SHARD)
          .ifPresent(
              image -> {
                counters.compactions++;
                trace.add(id + " compacts its log into an image at seq " + image.seq());
              });
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
      awaitingImage = false;
      fetchSentAt = now;
    }
  }

  /** Answers unreachable to the control plane for each probe whose pong did not come in time. */
  void expireProbes() {
    long now = clock.millis();
    for (Iterator<Map.Entry<Long, PendingProbe>> it = probes.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, PendingProbe> probe = it.next();
      if (now >= probe.getValue().deadline()) {
        it.remove();
        network.send(
            id, probe.getValue().requester(), new SimMessage.Probed(probe.getKey(), false));
      }
    }
  }

  /** Handles a message; a down node loses it. */
  void receive(String from, SimMessage message) {
    if (replica == null) {
      return;
    }
    if (message instanceof SimMessage.Fetch fetch) {
      FetchResponse answer = replica.onFetch(fetch.request());
      if (answer instanceof FetchResponse.ImageNeeded) {
        if (fetch.request().fromSeq() <= log.imageSeq()) {
          counters.imagesNeededBelowImage++;
        } else {
          counters.imagesNeededBehind++;
        }
      }
      network.send(id, from, new SimMessage.FetchAnswer(answer));
    } else if (message instanceof SimMessage.FetchAnswer answer) {
      onFetchOutcome(replica.onFetchResponse(answer.response()));
    } else if (message instanceof SimMessage.ImageRequest request) {
      replica
          .primary()
          .filter(primary -> primary.epoch() == request.epoch())
          .ifPresent(primary -> network.send(id, from, new SimMessage.ImageAnswer(image(primary))));
    } else if (message instanceof SimMessage.ImageAnswer answer) {
      onImage(from, answer.image());
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
      network.send(
          id, from, new SimMessage.HeartbeatAnswer(heartbeat.epoch(), heartbeat.check(), serving));
    } else if (message instanceof SimMessage.Probe probe) {
      if (!probes.containsKey(probe.probe())) {
        probes.put(probe.probe(), new PendingProbe(from, clock.millis() + PROBE_TIMEOUT_MILLIS));
        network.send(id, probe.node(), new SimMessage.ProbePing(probe.probe()));
      }
    } else if (message instanceof SimMessage.ProbePing ping) {
      network.send(id, from, new SimMessage.ProbePong(ping.probe()));
    } else if (message instanceof SimMessage.ProbePong pong) {
      PendingProbe probe = probes.remove(pong.probe());
      if (probe != null) {
        network.send(id, probe.requester(), new SimMessage.Probed(pong.probe(), true));
      }
    }
  }

  /**
   * The image of this primary's committed prefix (with {@link
   * SimulationFault#IMAGE_OF_UNCOMMITTED_ENTRIES}: of its whole log). The checker first learns what
   * it committed, so that it can tell an image that holds more.
   */
  private ShardImage image(PrimaryReplication primary) {
    invariants.checkReplica(id, replica, log);
    long seq =
        fault == SimulationFault.IMAGE_OF_UNCOMMITTED_ENTRIES ? log.lastSeq() : primary.commitSeq();
    return log.imageOfPrefix(SHARD, primary.epoch(), seq);
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
    } else if (outcome == FetchOutcome.IMAGE_NEEDED) {
      // Wait for the image as for a fetch answer: if it is lost, fetch again after the timeout.
      FollowerReplication follower = replica.follower().orElseThrow();
      network.send(id, follower.primaryId(), new SimMessage.ImageRequest(follower.epoch()));
      fetchOutstanding = true;
      awaitingImage = true;
      fetchSentAt = now;
    }
  }

  /** An image arrived: offer it to the replica (it may be late, duplicated or stale). */
  private void onImage(String from, ShardImage image) {
    boolean installed = replica.installImage(image);
    if (installed) {
      counters.imagesInstalled++;
      trace.add(
          id
              + " installs an image at seq "
              + image.seq()
              + " from "
              + from
              + " ("
              + describe()
              + ")");
    } else {
      counters.imagesRefused++;
    }
    if (installed || awaitingImage) {
      awaitingImage = false;
      fetchOutstanding = false;
      nextFetchAt = clock.millis();
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
        + replica.commitSeq()
        + (log.imageSeq() > 0 ? ", image " + log.imageSeq() : "");
  }
}
