package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.LoadSchedule;
import io.switchboard.runtime.client.GatewayClient;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Sends pings over one connection back to back, one outstanding at a time, until the schedule is
 * over.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>Read the clock. Stop if the schedule is over or any worker of the run has failed.
 *   <li>Ping and wait for the pong; count it in the run's shared {@code completed} counter.
 *   <li>If the ping was sent after the warm-up, record its round trip (nanoseconds, as measured by
 *       {@link GatewayClient#ping}) in this worker's histogram and count it as measured.
 *   <li>On an I/O failure, publish it as the run's failure unless another came first, and stop.
 *   <li>When stopping for any reason, count down {@code finished}.
 * </ol>
 *
 * <p>The histogram and the measured count are owned by the worker's thread; read them only after
 * {@code finished} reached zero, which orders their last writes before the reads.
 */
final class PingWorker implements Runnable {

  private final GatewayClient client;
  private final LoadSchedule schedule;
  private final LongAdder completed;
  private final AtomicReference<IOException> failure;
  private final CountDownLatch finished;
  private final Histogram roundTripNanos = new Histogram(3);
  private long measuredRequests;

  /**
   * @param client the connection this worker owns while it runs
   * @param completed counts every completed ping of the run, warm-up included
   * @param failure holds the first failure of any worker of the run
   * @param finished counted down once when this worker stops
   */
  PingWorker(
      GatewayClient client,
      LoadSchedule schedule,
      LongAdder completed,
      AtomicReference<IOException> failure,
      CountDownLatch finished) {
    this.client = client;
    this.schedule = schedule;
    this.completed = completed;
    this.failure = failure;
    this.finished = finished;
  }

  @Override
  public void run() {
    try {
      long sentAt = System.nanoTime();
      while (!schedule.isOver(sentAt) && failure.get() == null) {
        long roundTrip = client.ping().toNanos();
        completed.increment();
        if (schedule.isMeasured(sentAt)) {
          roundTripNanos.recordValue(roundTrip);
          measuredRequests++;
        }
        sentAt = System.nanoTime();
      }
    } catch (IOException e) {
      failure.compareAndSet(null, e);
    } finally {
      finished.countDown();
    }
  }

  /** Round trips of the measured pings, in nanoseconds. */
  Histogram roundTripNanos() {
    return roundTripNanos;
  }

  /** Pings sent after the warm-up and answered. */
  long measuredRequests() {
    return measuredRequests;
  }
}
