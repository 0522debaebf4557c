package io.switchboard.benchmarks.messaging;

import io.netty.channel.EventLoop;
import io.switchboard.benchmarks.load.LoadSchedule;
import io.switchboard.benchmarks.load.ProgressMeter;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.SendMessage;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.store.LogStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One send run: every user sends private messages to other users of the run over its own
 * connection, each send acknowledged by the gateway once it is durable (the shard's log appended
 * and fsynced).
 *
 * <p>Algorithm of {@link #run}:
 *
 * <ol>
 *   <li>Fix the schedule: warm-up, then the measured duration. Nothing is sent once it is over.
 *   <li>Recipients: with probability {@code crossDcShare} a user homed in another data centre,
 *       otherwise another user of the sender's own data centre (or of another one when the sender
 *       is alone in its own), drawn uniformly; the text is fixed, the random_id random and
 *       non-zero.
 *   <li>Closed loop ({@link SendRate.Mode#CLOSED_LOOP}): each user starts {@code inFlight} sends
 *       and starts the next one as soon as one is answered. A send's latency runs from when it was
 *       written to when its answer was decoded.
 *   <li>Open loop ({@link SendRate.Mode#FIXED}): each user sends at a fixed interval of {@code
 *       users / rate}, the users staggered evenly over it, whether answers come or not. Every
 *       millisecond a pacer on each event loop writes every send whose intended time has come, so
 *       late sends keep their intended times: latency runs from the intended time to the answer,
 *       which counts any stall of the client, the network or the cluster (no coordinated omission).
 *   <li>A send whose intended time falls in the measured window and that is acknowledged ({@code
 *       MessageSent}) is recorded in the user's histogram and counted; an error answer is counted
 *       by its code and not recorded. The log counters are read when the measured window opens and
 *       when it closes.
 *   <li>Each second a progress line with the p99 and maximum latency of the sends answered in it
 *       and the checkpoints completed in it; when every user has its last answer, merge the users'
 *       counts and histograms. A lost connection fails the run; so do sends still unanswered {@link
 *       #DRAIN_TIMEOUT} after the end.
 * </ol>
 *
 * <p>Each user's state is confined to its connection's event loop; the supervising thread reads it
 * only after the user counted down {@code finished}.
 */
final class SendLoad {

  /** How long after the end of the schedule the last answers may take. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long PACER_PERIOD_MICROS = 1_000;

  private final List<LoadUser> users;
  private final SendRate rate;
  private final int inFlight;
  private final double crossDcShare;
  private final String text;
  private final Duration warmup;
  private final Duration duration;
  private final Supplier<Optional<LogStats>> logStats;
  private final LongAdder pushes;
  private final PrintStream progress;

  /**
   * @param users at least two
   * @param rate {@link SendRate.Mode#CLOSED_LOOP} or {@link SendRate.Mode#FIXED}
   * @param inFlight sends per user outstanding in the closed loop
   * @param logStats the summed log counters of the nodes, if they can be read
   * @param pushes counts the updates pushed to the users' connections
   */
  SendLoad(
      List<LoadUser> users,
      SendRate rate,
      int inFlight,
      double crossDcShare,
      int textBytes,
      Duration warmup,
      Duration duration,
      Supplier<Optional<LogStats>> logStats,
      LongAdder pushes,
      PrintStream progress) {
    if (users.size() < 2) {
      throw new IllegalArgumentException("a send run needs at least two users");
    }
    if (rate.mode() == SendRate.Mode.HALF_OF_MAX) {
      throw new IllegalArgumentException("a send run is closed loop or at a fixed rate");
    }
    this.users = List.copyOf(users);
    this.rate = rate;
    this.inFlight = inFlight;
    this.crossDcShare = crossDcShare;
    this.text = "x".repeat(textBytes);
    this.warmup = warmup;
    this.duration = duration;
    this.logStats = logStats;
    this.pushes = pushes;
    this.progress = progress;
  }

  /**
   * Runs the steps of the class comment.
   *
   * @throws IOException if a connection is lost or sends stay unanswered
   */
  SendResult run() throws IOException, InterruptedException {
    Shared shared = new Shared(new CountDownLatch(users.size()));
    long pushesBefore = pushes.sum();
    LoadSchedule schedule = LoadSchedule.startingNow(warmup, duration);
    List<Sender> senders = new ArrayList<>(users.size());
    for (LoadUser user : users) {
      senders.add(
          new Sender(user, recipientsOf(user, true), recipientsOf(user, false), schedule, shared));
    }
    if (rate.mode() == SendRate.Mode.CLOSED_LOOP) {
      senders.forEach(sender -> sender.eventLoop().execute(sender::startClosedLoop));
    } else {
      startPacers(senders, schedule);
    }
    LogWindow window = supervise(schedule, shared);
    if (shared.failure.get() != null) {
      throw shared.failure.get();
    }
    return merge(senders, schedule, window, pushes.sum() - pushesBefore);
  }

  /** The other users homed in {@code user}'s data centre ({@code sameDc}) or elsewhere. */
  private long[] recipientsOf(LoadUser user, boolean sameDc) {
    return users.stream()
        .filter(other -> other != user && other.dc().equals(user.dc()) == sameDc)
        .mapToLong(LoadUser::userId)
        .toArray();
  }

  private void startPacers(List<Sender> senders, LoadSchedule schedule) {
    double intervalNanos = users.size() * 1e9 / rate.perSecond();
    Map<EventLoop, List<Sender>> byLoop = new LinkedHashMap<>();
    for (Sender sender : senders) {
      sender.paceFrom(
          schedule.startNanos() + (long) (sender.user.index() * intervalNanos / users.size()),
          intervalNanos);
      byLoop.computeIfAbsent(sender.eventLoop(), loop -> new ArrayList<>()).add(sender);
    }
    byLoop.forEach(
        (loop, group) -> {
          AtomicReference<ScheduledFuture<?>> pacer = new AtomicReference<>();
          pacer.set(
              loop.scheduleAtFixedRate(
                  () -> {
                    long now = System.nanoTime();
                    boolean allDone = true;
                    for (Sender sender : group) {
                      allDone &= sender.sendDue(now);
                    }
                    if (allDone && pacer.get() != null) {
                      pacer.get().cancel(false);
                    }
                  },
                  0,
                  PACER_PERIOD_MICROS,
                  TimeUnit.MICROSECONDS));
        });
  }

  /**
   * Prints progress each second and reads the log counters when the measured window opens and
   * closes, until every sender has finished.
   */
  private LogWindow supervise(LoadSchedule schedule, Shared shared)
      throws IOException, InterruptedException {
    ProgressMeter meter = new ProgressMeter(schedule, shared.acknowledged, progress, "sends");
    long nextReport = schedule.startNanos() + PROGRESS_INTERVAL_NANOS;
    Optional<LogStats> atStart = Optional.empty();
    Optional<LogStats> atEnd = Optional.empty();
    long ackedAtStart = 0;
    long ackedAtEnd = 0;
    ProcessUsage usageAtStart = null;
    ProcessUsage usageAtEnd = null;
    boolean started = false;
    boolean ended = false;
    Histogram recent = null;
    long checkpointsBefore = logStats.get().map(LogStats::checkpoints).orElse(0L);
    while (true) {
      long nextEvent =
          !started
              ? Math.min(nextReport, schedule.measureFromNanos())
              : !ended ? Math.min(nextReport, schedule.endNanos()) : nextReport;
      boolean finished =
          shared.finished.await(Math.max(0, nextEvent - System.nanoTime()), TimeUnit.NANOSECONDS);
      long now = System.nanoTime();
      if (!started && schedule.isMeasured(now)) {
        started = true;
        atStart = logStats.get();
        ackedAtStart = shared.acknowledged.sum();
        usageAtStart = ProcessUsage.now();
      }
      if (!ended && schedule.isOver(now)) {
        ended = true;
        atEnd = logStats.get();
        ackedAtEnd = shared.acknowledged.sum();
        usageAtEnd = ProcessUsage.now();
      }
      if (finished && (ended || shared.failure.get() != null)) {
        break;
      }
      if (finished) {
        // An open loop's users can be done a little before the end (no send is due before it):
        // wait for the end, so the window's log counters are read at the same moment as always.
        Thread.sleep(Math.max(0, (schedule.endNanos() - System.nanoTime()) / 1_000_000 + 1));
        continue;
      }
      if (now - nextReport >= 0) {
        recent = shared.recentLatencyNanos.getIntervalHistogram(recent);
        long checkpoints = logStats.get().map(LogStats::checkpoints).orElse(0L);
        meter.report(now, intervalDetail(recent, checkpoints - checkpointsBefore));
        checkpointsBefore = checkpoints;
        nextReport += PROGRESS_INTERVAL_NANOS;
      }
      if (now - schedule.endNanos() > DRAIN_TIMEOUT.toNanos()) {
        shared.failure.compareAndSet(
            null,
            new IOException(
                shared.finished.getCount()
                    + " users still had sends unanswered "
                    + DRAIN_TIMEOUT
                    + " after the end"));
        break;
      }
    }
    if (atStart.isEmpty() || atEnd.isEmpty()) {
      return null;
    }
    LogStats start = atStart.get();
    LogStats end = atEnd.get();
    return new LogWindow(
        duration,
        new LogStats(
            end.records() - start.records(),
            end.bytes() - start.bytes(),
            end.fsyncs() - start.fsyncs(),
            end.checkpoints() - start.checkpoints()),
        ackedAtEnd - ackedAtStart,
        usageAtStart.cpuUntil(usageAtEnd),
        usageAtStart.allocatedUntil(usageAtEnd),
        usageAtStart.switchesUntil(usageAtEnd));
  }

  /**
   * The end of an interval's progress line: the p99 and maximum of its latencies, and the nodes'
   * checkpoints that were completed in it (a checkpoint is the one background write that can stall
   * appends).
   */
  private static String intervalDetail(Histogram latencyNanos, long checkpoints) {
    String latency =
        latencyNanos.getTotalCount() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "p99 %6.1f ms  max %6.1f ms",
                latencyNanos.getValueAtPercentile(99) / 1e6,
                latencyNanos.getMaxValue() / 1e6);
    String written = checkpoints == 0 ? "" : "checkpoints written: " + checkpoints;
    return latency.isEmpty() || written.isEmpty() ? latency + written : latency + "  " + written;
  }

  private SendResult merge(
      List<Sender> senders, LoadSchedule schedule, LogWindow window, long pushesReceived) {
    Histogram latencyNanos = new Histogram(3);
    long acknowledged = 0;
    long crossDc = 0;
    long lastAck = schedule.endNanos();
    Map<String, Long> failures = new TreeMap<>();
    for (Sender sender : senders) {
      latencyNanos.add(sender.latencyNanos);
      acknowledged += sender.measuredAcks;
      crossDc += sender.measuredCrossDcAcks;
      if (sender.lastMeasuredAckNanos - lastAck > 0) {
        lastAck = sender.lastMeasuredAckNanos;
      }
      sender.failures.forEach((code, count) -> failures.merge(code, count, Long::sum));
    }
    return new SendResult(
        rate,
        inFlight,
        users.size(),
        Duration.ofNanos(lastAck - schedule.measureFromNanos()),
        acknowledged,
        crossDc,
        failures,
        latencyNanos,
        pushesReceived,
        Optional.ofNullable(window));
  }

  /** What every sender of a run shares. */
  private static final class Shared {

    /** Acknowledged sends so far, warm-up included, for the progress lines. */
    final LongAdder acknowledged = new LongAdder();

    /** Latencies of the sends acknowledged since the previous progress line, warm-up included. */
    final Recorder recentLatencyNanos = new Recorder(3);

    final AtomicReference<IOException> failure = new AtomicReference<>();
    final CountDownLatch finished;

    Shared(CountDownLatch finished) {
      this.finished = finished;
    }
  }

  /** One user's sends; confined to its connection's event loop. */
  private final class Sender {

    final LoadUser user;
    final Histogram latencyNanos = new Histogram(3);
    final Map<String, Long> failures = new TreeMap<>();
    long measuredAcks;
    long measuredCrossDcAcks;
    long lastMeasuredAckNanos;

    private final long[] sameDc;
    private final long[] otherDc;
    private final LoadSchedule schedule;
    private final Shared shared;
    private final SplittableRandom random;
    private int outstanding;
    private boolean finished;
    private long firstIntendedNanos;
    private double intervalNanos;
    private long paced;

    Sender(LoadUser user, long[] sameDc, long[] otherDc, LoadSchedule schedule, Shared shared) {
      this.user = user;
      this.sameDc = sameDc;
      this.otherDc = otherDc;
      this.schedule = schedule;
      this.shared = shared;
      this.random = new SplittableRandom(user.userId());
    }

    EventLoop eventLoop() {
      return user.connection().eventLoop();
    }

    void startClosedLoop() {
      long now = System.nanoTime();
      for (int i = 0; i < inFlight; i++) {
        send(now);
      }
      user.connection().flush();
    }

    void paceFrom(long firstIntendedNanos, double intervalNanos) {
      this.firstIntendedNanos = firstIntendedNanos;
      this.intervalNanos = intervalNanos;
    }

    /**
     * Writes every send whose intended time has come by {@code now}.
     *
     * @return whether this sender has nothing more to send
     */
    boolean sendDue(long now) {
      long intended = intendedTime(paced);
      while (!finished && now - intended >= 0 && !schedule.isOver(intended)) {
        send(intended);
        paced++;
        intended = intendedTime(paced);
      }
      user.connection().flush();
      boolean nothingMore = schedule.isOver(intended) || finished;
      finishIfDone(nothingMore);
      return nothingMore;
    }

    private long intendedTime(long sendNumber) {
      return firstIntendedNanos + (long) (sendNumber * intervalNanos);
    }

    private void send(long intendedNanos) {
      boolean crossDc =
          otherDc.length > 0 && (sameDc.length == 0 || random.nextDouble() < crossDcShare);
      long[] candidates = crossDc ? otherDc : sameDc;
      long recipient = candidates[random.nextInt(candidates.length)];
      long randomId;
      do {
        randomId = random.nextLong();
      } while (randomId == 0);
      ClientFrame request =
          ClientFrame.newBuilder()
              .setSendMessage(
                  SendMessage.newBuilder()
                      .setPeer(Peer.newBuilder().setUserId(recipient))
                      .setRandomId(randomId)
                      .setText(text))
              .build();
      outstanding++;
      user.connection().send(request, new InFlightSend(this, intendedNanos, crossDc));
    }

    void answered(InFlightSend send, ServerFrame answer, long now) {
      outstanding--;
      if (answer.hasMessageSent()) {
        shared.acknowledged.increment();
        shared.recentLatencyNanos.recordValue(Math.max(0, now - send.intendedNanos));
        if (schedule.isMeasured(send.intendedNanos)) {
          latencyNanos.recordValue(Math.max(0, now - send.intendedNanos));
          measuredAcks++;
          if (send.crossDc) {
            measuredCrossDcAcks++;
          }
          lastMeasuredAckNanos = now;
        }
      } else {
        String code =
            answer.hasError() ? answer.getError().getCode().name() : answer.getBodyCase().name();
        failures.merge(code, 1L, Long::sum);
      }
      if (rate.mode() == SendRate.Mode.CLOSED_LOOP) {
        boolean over = schedule.isOver(now) || shared.failure.get() != null;
        if (!over) {
          send(now);
        }
        finishIfDone(over);
      } else {
        finishIfDone(schedule.isOver(intendedTime(paced)));
      }
    }

    void lost(IOException cause) {
      outstanding--;
      shared.failure.compareAndSet(null, cause);
      finishIfDone(true);
    }

    private void finishIfDone(boolean nothingMoreToSend) {
      if (!finished && nothingMoreToSend && (outstanding == 0 || shared.failure.get() != null)) {
        finished = true;
        shared.finished.countDown();
      }
    }
  }

  /** One send awaiting its answer. */
  private record InFlightSend(Sender sender, long intendedNanos, boolean crossDc)
      implements FrameConnection.Answer {

    @Override
    public void answered(ServerFrame frame, long receivedNanos) {
      sender.answered(this, frame, receivedNanos);
    }

    @Override
    public void lost(IOException cause) {
      sender.lost(cause);
    }
  }
}
