package io.switchboard.runtime.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link RelayScheduler} that runs nothing by itself: it records every delay asked for and runs
 * the waiting tasks, in the order they were scheduled, when the test says so. Thread-safe.
 */
final class FakeScheduler implements RelayScheduler {

  private final List<Duration> delays = new ArrayList<>();
  private final Deque<Runnable> waiting = new ArrayDeque<>();

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    delays.add(delay);
    waiting.add(task);
  }

  /** Every delay asked for so far, in order. */
  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  synchronized int waitingTasks() {
    return waiting.size();
  }

  /** Runs the oldest waiting task, as if its delay had passed. */
  void runNext() {
    Runnable task;
    synchronized (this) {
      task = waiting.poll();
    }
    if (task == null) {
      throw new IllegalStateException("no task is waiting");
    }
    task.run();
  }
}
