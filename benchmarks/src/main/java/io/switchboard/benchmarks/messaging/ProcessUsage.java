package io.switchboard.benchmarks.messaging;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What this JVM's threads had used at one moment: CPU time (the whole process), heap allocated per
 * thread, and voluntary context switches per thread ({@link ThreadSwitches}). Two readings give a
 * window's usage: {@link #cpuUntil}, {@link #allocatedUntil}, {@link #switchesUntil}.
 *
 * <p>The heap figure counts what threads alive at the later reading allocated since the earlier one
 * (a thread started in between counts in full); a thread that ended in between is not counted. The
 * nodes' and the load generator's threads live as long as the run, so a measured window loses
 * nothing that matters.
 */
final class ProcessUsage {

  private final long cpuNanos;
  private final Map<Long, Long> allocatedByThread;
  private final ThreadSwitches switches;

  private ProcessUsage(long cpuNanos, Map<Long, Long> allocatedByThread, ThreadSwitches switches) {
    this.cpuNanos = cpuNanos;
    this.allocatedByThread = allocatedByThread;
    this.switches = switches;
  }

  /**
   * Reads the process's CPU time and every live thread's allocated bytes and context switches now.
   */
  static ProcessUsage now() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] allocated = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (allocated[i] >= 0) {
        byThread.put(ids[i], allocated[i]);
      }
    }
    long cpu =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    return new ProcessUsage(cpu, byThread, ThreadSwitches.now());
  }

  /** CPU time used from this reading to {@code later}. */
  Duration cpuUntil(ProcessUsage later) {
    return Duration.ofNanos(later.cpuNanos - cpuNanos);
  }

  /** Heap bytes allocated from this reading to {@code later}, by the threads alive at the later. */
  long allocatedUntil(ProcessUsage later) {
    long sum = 0;
    for (Map.Entry<Long, Long> thread : later.allocatedByThread.entrySet()) {
      sum += thread.getValue() - allocatedByThread.getOrDefault(thread.getKey(), 0L);
    }
    return sum;
  }

  /** Voluntary context switches from this reading to {@code later}; see {@link ThreadSwitches}. */
  Map<ThreadSwitches.Role, Long> switchesUntil(ProcessUsage later) {
    return switches.until(later.switches);
  }
}
