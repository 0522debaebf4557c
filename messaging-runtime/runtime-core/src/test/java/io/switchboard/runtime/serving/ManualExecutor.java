package io.switchboard.runtime.serving;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs its tasks only when the test says so. Thread-safe. */
final class ManualExecutor implements Executor {

  private final Queue<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  synchronized int pending() {
    return tasks.size();
  }

  /** Runs the waiting tasks, and those they add, on the calling thread. */
  void runAll() {
    Runnable task;
    while ((task = next()) != null) {
      task.run();
    }
  }

  private synchronized Runnable next() {
    return tasks.poll();
  }
}
