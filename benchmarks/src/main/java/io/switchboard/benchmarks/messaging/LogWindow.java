package io.switchboard.benchmarks.messaging;

import io.switchboard.runtime.store.LogStats;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the nodes' logs did during a measured window, summed over the nodes.
 *
 * @param window the window's length
 * @param during the log counters' growth over it: records, bytes, fsyncs, checkpoints
 * @param acknowledgedSends sends acknowledged within the window (by the time of the answer)
 * @param processCpu CPU time this JVM (the nodes and the load generator) used over the window
 * @param allocatedBytes heap this JVM's threads allocated over the window (see {@link
 *     ProcessUsage})
 * @param switches voluntary context switches of this JVM's threads over the window, by role; empty
 *     where they cannot be read (see {@link ThreadSwitches})
 */
record LogWindow(
    Duration window,
    LogStats during,
    long acknowledgedSends,
    Duration processCpu,
    long allocatedBytes,
    Map<ThreadSwitches.Role, Long> switches) {

  LogWindow {
    switches = Map.copyOf(switches);
  }

  double seconds() {
    return window.toNanos() / 1e9;
  }

  double fsyncsPerSecond() {
    return during.fsyncs() / seconds();
  }

  /** Acknowledged sends per fsync: how many sends one group commit made durable, on average. */
  double sendsPerFsync() {
    return during.fsyncs() == 0 ? 0 : (double) acknowledgedSends / during.fsyncs();
  }

  /** Cores this JVM kept busy on average over the window. */
  double coresBusy() {
    return processCpu.toNanos() / (double) window.toNanos();
  }

  /**
   * CPU time of this JVM per acknowledged send, in microseconds: what one send costs the whole
   * in-process system (gateways, stores, relays, load generator), comparable across runs at
   * different rates.
   */
  double cpuMicrosPerSend() {
    return acknowledgedSends == 0 ? 0 : processCpu.toNanos() / 1e3 / acknowledgedSends;
  }

  /**
   * Heap allocated per acknowledged send, in bytes: what the young collector has to clear per send,
   * and so how often its pauses come at a given rate.
   */
  double allocatedBytesPerSend() {
    return acknowledgedSends == 0 ? 0 : (double) allocatedBytes / acknowledgedSends;
  }

  /** Log records per acknowledged send (the sender's copy, the delivery, relay bookkeeping). */
  double recordsPerSend() {
    return acknowledgedSends == 0 ? 0 : (double) during.records() / acknowledgedSends;
  }

  /** Voluntary context switches per acknowledged send, all threads together. */
  double switchesPerSend() {
    return perSend(switches.values().stream().mapToLong(Long::longValue).sum());
  }

  /**
   * Voluntary context switches per acknowledged send by role, in {@link ThreadSwitches.Role} order,
   * e.g. {@code "log writers 10.4, event loops 8.0"}; empty when not measured.
   */
  String switchesPerSendByRole() {
    return switches.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            role ->
                String.format(
                    Locale.ROOT, "%s %.1f", role.getKey().label(), perSend(role.getValue())))
        .collect(Collectors.joining(", "));
  }

  private double perSend(long count) {
    return acknowledgedSends == 0 ? 0 : (double) count / acknowledgedSends;
  }
}
