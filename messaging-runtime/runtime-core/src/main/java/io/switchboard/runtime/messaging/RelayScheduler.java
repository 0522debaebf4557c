package io.switchboard.runtime.messaging;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: the only source of time the {@link OutboxRelay} uses. */
@FunctionalInterface
public interface RelayScheduler {

  void schedule(Duration delay, Runnable task);

  /** A scheduler on a {@link ScheduledExecutorService}, for the node wiring. */
  static RelayScheduler on(ScheduledExecutorService executor) {
    return (delay, task) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
