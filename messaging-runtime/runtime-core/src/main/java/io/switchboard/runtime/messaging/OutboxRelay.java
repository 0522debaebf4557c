package io.switchboard.runtime.messaging;

import io.switchboard.runtime.replication.node.LoopAffineExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the outbox entries of the shards this node leads, durably and exactly once in effect.
 *
 * <p>Per lane (origin shard, destination shard), one batch at a time, in sequence order:
 *
 * <ol>
 *   <li>Take the lane's pending entries above the last sequence the destination acknowledged to
 *       this lane, in sequence order, at most {@link #MAX_BATCH}; stop when there is none, or when
 *       this node no longer leads the origin shard (its new leader resumes from the same state).
 *   <li>Build their deliveries from the entries' accepted commands in the log and hand them to the
 *       {@link ShardMailer} together.
 *   <li>On acknowledgement, remember the last sequence as acknowledged, propose one
 *       OUTBOX_DELIVERED naming every entry of the batch on the origin shard (once applied, they
 *       have left the outbox) without waiting for it, reset the failure count and continue with
 *       step 1. An OUTBOX_DELIVERED that fails lowers the acknowledged sequence below the batch's
 *       first entry, so the whole batch is delivered again.
 *   <li>On a failed batch, wait {@link Backoff#delayBefore}(failures so far) on the {@link
 *       RelayScheduler}, then continue with step 1. Retries are unbounded.
 * </ol>
 *
 * <p>Why nothing is lost or doubled: an entry leaves the outbox only after the destination
 * acknowledged it, so a crash at any point leaves it pending and it is delivered again after the
 * restart ({@link #start()} resumes every pending lane). The destination's ledger keeps the highest
 * sequence it applied per origin and takes anything at or below it for a redelivery. That is right
 * because the destination applies a lane's entries in sequence order and without gaps: a lane sends
 * a batch only after the destination acknowledged every earlier entry, and of a failed batch the
 * destination holds a prefix at most ({@link ShardMailer}); the retry starts again at the batch's
 * first entry, and the ledger skips the prefix. Batches amortise a peer round trip and a replicated
 * commit over many entries, and grow by themselves once a lane falls behind, as group commit does.
 * Not waiting for OUTBOX_DELIVERED halves a lane's time per batch; an entry whose mark is lost is
 * at worst delivered once more. Lanes are independent: an unreachable destination delays only its
 * own lane.
 *
 * <p>Backlog: {@link #stats} reports the pending entries and the age of the oldest entry a lane is
 * delivering, from the date its message was accepted (a lane's first pending entry is its oldest,
 * because a shard accepts its entries in sequence order).
 *
 * <p>Thread-safe. Work runs on the service's executor, or on the event loop that woke the lane or
 * carried the destination's reply when that executor is a {@link LoopAffineExecutor}; only retries
 * wait on the scheduler.
 */
public final class OutboxRelay {

  private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

  /**
   * The most entries a lane hands to the mailer at once: with texts of 4 096 bytes and 200 group
   * recipients each, about 370 KB, far below a peer frame's limit.
   */
  static final int MAX_BATCH = 64;

  /** The acceptance date of a lane that delivers nothing: later than any real date. */
  private static final long NOTHING_IN_FLIGHT = Long.MAX_VALUE;

  private final MessagingService service;
  private final ShardMailer mailer;
  private final Backoff backoff;
  private final RelayScheduler scheduler;
  private final Map<OutboxLane, Lane> lanes = new ConcurrentHashMap<>();

  public OutboxRelay(
      MessagingService service, ShardMailer mailer, Backoff backoff, RelayScheduler scheduler) {
    this.service = service;
    this.mailer = mailer;
    this.backoff = backoff;
    this.scheduler = scheduler;
  }

  /**
   * Starts relaying: from now on, every command that adds outbox entries wakes the relay, and every
   * lane already pending (after a restart) is resumed now.
   *
   * @return as {@link #deliverDue()}
   */
  public CompletableFuture<Void> start() {
    service.addOutboxListener(this::wake);
    return deliverDue();
  }

  /**
   * Starts every pending lane of a shard this node leads that is neither running nor waiting for a
   * retry.
   *
   * @return completes when every pending lane has settled: all its entries are delivered, or an
   *     attempt failed and its retry is scheduled
   */
  public CompletableFuture<Void> deliverDue() {
    List<CompletableFuture<Void>> runs = new ArrayList<>();
    for (OutboxLane route : service.pendingLanes()) {
      if (service.leads(route.originShard())) {
        runs.add(lanes.computeIfAbsent(route, Lane::new).startIfIdle());
      }
    }
    return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
  }

  /**
   * The backlog at {@code now}: how many entries are pending on the shards this node leads, and how
   * long ago the oldest entry that a lane is delivering or waiting to retry was accepted; zero when
   * no lane is, or when no entry is pending (a lane learns that its last entry left the outbox a
   * moment after the state does). An entry whose message cannot be read from the log is not aged.
   * Cheap enough to call on every scrape: it counts entries without copying them and reads one
   * field per lane.
   */
  public OutboxStats stats(Instant now) {
    long pending = service.pendingOutboxEntries();
    long oldestAcceptedAt = NOTHING_IN_FLIGHT;
    for (Lane lane : lanes.values()) {
      oldestAcceptedAt = Math.min(oldestAcceptedAt, lane.inFlightAcceptedAtMillis);
    }
    Duration oldestAge =
        pending == 0 || oldestAcceptedAt == NOTHING_IN_FLIGHT
            ? Duration.ZERO
            : Duration.ofMillis(Math.max(0, now.toEpochMilli() - oldestAcceptedAt));
    return new OutboxStats(pending, oldestAge);
  }

  /** Starts the given lanes, which just got entries, unless running or waiting for a retry. */
  private void wake(List<OutboxLane> routes) {
    for (OutboxLane route : routes) {
      if (service.leads(route.originShard())) {
        lanes.computeIfAbsent(route, Lane::new).startIfIdle();
      }
    }
  }

  /** The delivery loop of one lane; a guarded state machine: IDLE, RUNNING, BACKING_OFF. */
  private final class Lane {

    private enum Phase {
      IDLE,
      RUNNING,
      BACKING_OFF
    }

    private final OutboxLane route;
    private Phase phase = Phase.IDLE;
    private CompletableFuture<Void> run = CompletableFuture.completedFuture(null);
    private int failures;

    /**
     * The highest sequence the destination acknowledged to this lane while this node led the
     * origin; entries up to it wait only for their OUTBOX_DELIVERED. Guarded by the lane.
     */
    private long acknowledgedThrough;

    /** Completes once every OUTBOX_DELIVERED proposed so far is settled. Guarded by the lane. */
    private CompletableFuture<Void> marking = CompletableFuture.completedFuture(null);

    /**
     * When the message of the entry being delivered or awaiting its retry was accepted, in epoch
     * milliseconds; {@link #NOTHING_IN_FLIGHT} while idle. Written by the lane, read by {@link
     * #stats}.
     */
    private volatile long inFlightAcceptedAtMillis = NOTHING_IN_FLIGHT;

    Lane(OutboxLane route) {
      this.route = route;
    }

    /**
     * IDLE to RUNNING. Returns the current run: the new one, the one running, or while backing off
     * the one that failed (settled once its retry is scheduled).
     */
    CompletableFuture<Void> startIfIdle() {
      synchronized (this) {
        if (phase != Phase.IDLE) {
          return run;
        }
        phase = Phase.RUNNING;
        run = new CompletableFuture<>();
      }
      // Woken by a command's apply, usually on the event loop that proposed it: the loop starts the
      // lane once it is done with its current task, without waking a worker.
      LoopAffineExecutor.forCaller(service.executor()).execute(this::deliverNext);
      return run;
    }

    private void deliverNext() {
      boolean leads = service.leads(route.originShard());
      if (!leads) {
        synchronized (this) {
          acknowledgedThrough = 0;
        }
      }
      List<OutboxEntry> batch = leads ? pendingBatch() : List.of();
      if (batch.isEmpty()) {
        settleIdle();
        return;
      }
      inFlightAcceptedAtMillis = NOTHING_IN_FLIGHT;
      CompletableFuture<Void> delivered;
      try {
        List<Delivery> deliveries = new ArrayList<>(batch.size());
        for (OutboxEntry entry : batch) {
          deliveries.add(service.deliveryOf(entry));
        }
        inFlightAcceptedAtMillis = deliveries.get(0).message().getDateMillis();
        delivered = mailer.deliver(deliveries).thenRun(() -> markDelivered(batch));
      } catch (RuntimeException e) {
        delivered = CompletableFuture.failedFuture(e);
      }
      // The reply usually completes on the event loop of the peer link: the lane goes on there.
      delivered.whenComplete(
          (ignored, failure) ->
              LoopAffineExecutor.forCaller(service.executor())
                  .execute(() -> afterAttempt(batch, failure)));
    }

    private void afterAttempt(List<OutboxEntry> batch, Throwable failure) {
      if (failure == null) {
        synchronized (this) {
          failures = 0;
        }
        deliverNext();
      } else {
        backOff(batch, failure);
      }
    }

    /**
     * The lane's next pending entries after the acknowledged sequence, in order, at most a batch.
     */
    private List<OutboxEntry> pendingBatch() {
      List<OutboxEntry> batch = new ArrayList<>();
      long after = acknowledged();
      while (batch.size() < MAX_BATCH) {
        Optional<OutboxEntry> next =
            service.firstPending(route.originShard(), route.destinationShard(), after);
        if (next.isEmpty()) {
          break;
        }
        batch.add(next.get());
        after = next.get().sequence();
      }
      return batch;
    }

    private synchronized long acknowledged() {
      return acknowledgedThrough;
    }

    /**
     * The destination holds the whole batch: records its last sequence as acknowledged, then
     * proposes one OUTBOX_DELIVERED for the batch. If that mark fails, the acknowledged sequence
     * drops below the batch's first entry, so the whole batch is delivered again (the destination's
     * ledger skips what it already holds).
     */
    private void markDelivered(List<OutboxEntry> batch) {
      OutboxEntry first = batch.get(0);
      synchronized (this) {
        acknowledgedThrough = Math.max(acknowledgedThrough, batch.get(batch.size() - 1).sequence());
      }
      CompletableFuture<Void> marked;
      try {
        marked = service.markDelivered(batch);
      } catch (RuntimeException e) {
        marked = CompletableFuture.failedFuture(e);
      }
      synchronized (this) {
        marking = CompletableFuture.allOf(marking, marked.handle((done, failure) -> null));
      }
      marked.whenComplete(
          (done, failure) -> {
            if (failure != null) {
              LOG.log(
                  System.Logger.Level.DEBUG,
                  () ->
                      "marking "
                          + batch.size()
                          + " entries from "
                          + first
                          + " delivered failed; they are delivered again: "
                          + failure);
              synchronized (this) {
                acknowledgedThrough = Math.min(acknowledgedThrough, first.sequence() - 1);
              }
              startIfIdle();
            }
          });
    }

    /**
     * RUNNING to BACKING_OFF. The retry is scheduled under the lane's lock, so a lane seen backing
     * off always has its retry scheduled; the run is reported settled after that.
     */
    private void backOff(List<OutboxEntry> batch, Throwable failure) {
      CompletableFuture<Void> settled;
      synchronized (this) {
        failures++;
        Duration delay = backoff.delayBefore(failures);
        LOG.log(
            System.Logger.Level.DEBUG,
            () ->
                "delivery of "
                    + batch.size()
                    + " entries from "
                    + batch.get(0)
                    + " failed, retry in "
                    + delay
                    + ": "
                    + failure);
        phase = Phase.BACKING_OFF;
        scheduler.schedule(delay, this::retry);
        settled = run;
      }
      settled.complete(null);
    }

    /** BACKING_OFF to IDLE, then started again. */
    private void retry() {
      synchronized (this) {
        phase = Phase.IDLE;
      }
      startIfIdle();
    }

    /**
     * RUNNING to IDLE; the run settles once its OUTBOX_DELIVERED commands did. An entry added after
     * this run found the lane empty (its wake-up saw the lane running) is picked up by looking once
     * more.
     */
    private void settleIdle() {
      CompletableFuture<Void> settled;
      CompletableFuture<Void> marked;
      synchronized (this) {
        phase = Phase.IDLE;
        inFlightAcceptedAtMillis = NOTHING_IN_FLIGHT;
        settled = run;
        marked = marking;
      }
      marked.whenComplete((done, failure) -> settled.complete(null));
      if (service.leads(route.originShard())
          && service
              .firstPending(route.originShard(), route.destinationShard(), acknowledged())
              .isPresent()) {
        startIfIdle();
      }
    }
  }
}
