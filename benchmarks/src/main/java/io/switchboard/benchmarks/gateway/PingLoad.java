package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.LoadSchedule;
import io.switchboard.benchmarks.load.ProgressMeter;
import io.switchboard.runtime.client.GatewayClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One closed-loop ping load against a gateway: each connection has exactly one ping outstanding and
 * sends the next as soon as the pong arrives, so throughput is what the connections can push
 * through the client, the network and the gateway together.
 *
 * <p>Algorithm of {@link #run}:
 *
 * <ol>
 *   <li>Open and handshake every connection ({@link GatewayConnections}); if one fails, close those
 *       already open and fail.
 *   <li>Fix the schedule (warm-up, then measurement) and start one {@link PingWorker} thread per
 *       connection.
 *   <li>Until every worker has stopped, print a progress line every second.
 *   <li>If a worker failed, fail with its error; otherwise merge the workers' histograms and counts
 *       into the result. Either way, close every connection.
 * </ol>
 *
 * <p>Bounded: no ping is sent after the schedule ends, and every wait for the gateway is bounded by
 * {@link #REQUEST_TIMEOUT}, so a run ends at most that long after its schedule.
 */
final class PingLoad {

  /** Bounds the connect and every ping of the run. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How the load generator introduces itself in the handshake. */
  static final String CLIENT_NAME = "switchboard-ping-load/0.1";

  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final GatewayAddress target;
  private final int connections;
  private final Duration warmup;
  private final Duration duration;
  private final PrintStream progress;

  /**
   * @param connections at least 1
   * @param warmup zero or more
   * @param duration positive
   * @param progress receives the progress lines
   */
  PingLoad(
      GatewayAddress target,
      int connections,
      Duration warmup,
      Duration duration,
      PrintStream progress) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be positive: " + connections);
    }
    if (warmup.isNegative() || duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(
          "warm-up must not be negative and duration must be positive");
    }
    this.target = target;
    this.connections = connections;
    this.warmup = warmup;
    this.duration = duration;
    this.progress = progress;
  }

  /**
   * Runs the load; see the class comment.
   *
   * @throws IOException if a connection cannot be opened or fails during the run
   * @throws InterruptedException if the calling thread is interrupted; the connections are closed,
   *     which stops the workers
   */
  PingLoadResult run() throws IOException, InterruptedException {
    try (GatewayConnections open =
        GatewayConnections.open(target, connections, REQUEST_TIMEOUT, CLIENT_NAME)) {
      return drive(open.clients());
    }
  }

  private PingLoadResult drive(List<GatewayClient> clients)
      throws IOException, InterruptedException {
    LongAdder completed = new LongAdder();
    AtomicReference<IOException> failure = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(clients.size());
    LoadSchedule schedule = LoadSchedule.startingNow(warmup, duration);
    List<PingWorker> workers = new ArrayList<>(clients.size());
    for (GatewayClient client : clients) {
      PingWorker worker = new PingWorker(client, schedule, completed, failure, finished);
      workers.add(worker);
      new Thread(worker, "ping-load-" + workers.size()).start();
    }
    awaitWithProgress(finished, new ProgressMeter(schedule, completed, progress), schedule);
    Duration measured = schedule.measuredUntil(System.nanoTime());
    if (failure.get() != null) {
      throw new IOException("a connection failed during the run", failure.get());
    }
    return merge(workers, measured);
  }

  private static void awaitWithProgress(
      CountDownLatch finished, ProgressMeter meter, LoadSchedule schedule)
      throws InterruptedException {
    long nextReport = schedule.startNanos() + PROGRESS_INTERVAL_NANOS;
    while (!finished.await(nextReport - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      meter.report(System.nanoTime());
      nextReport += PROGRESS_INTERVAL_NANOS;
    }
  }

  private PingLoadResult merge(List<PingWorker> workers, Duration measured) {
    Histogram roundTripNanos = new Histogram(3);
    long requests = 0;
    for (PingWorker worker : workers) {
      roundTripNanos.add(worker.roundTripNanos());
      requests += worker.measuredRequests();
    }
    return new PingLoadResult(connections, measured, requests, roundTripNanos);
  }
}
