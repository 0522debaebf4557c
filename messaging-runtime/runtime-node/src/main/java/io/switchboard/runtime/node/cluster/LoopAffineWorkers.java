package io.switchboard.runtime.node.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.runtime.replication.node.LoopAffineExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A node's store workers together with its event loops ({@link LoopAffineExecutor}, ADR 0015).
 *
 * <p>{@link #forCaller()} returns the calling thread's own loop when it is one of {@code loops},
 * found by asking each loop (a node has two); a task that loop refuses because it is shutting down
 * runs on the workers instead, so no hand-off is ever lost while the workers run.
 */
final class LoopAffineWorkers implements LoopAffineExecutor {

  private final Executor workers;
  private final List<Executor> loops = new ArrayList<>();
  private final List<EventExecutor> loopExecutors = new ArrayList<>();

  LoopAffineWorkers(Executor workers, EventLoopGroup loops) {
    this.workers = Objects.requireNonNull(workers, "workers");
    for (EventExecutor loop : loops) {
      loopExecutors.add(loop);
      this.loops.add(task -> runOnLoopOrWorkers(loop, task));
    }
  }

  @Override
  public void execute(Runnable task) {
    workers.execute(task);
  }

  @Override
  public Executor forCaller() {
    for (int i = 0; i < loopExecutors.size(); i++) {
      if (loopExecutors.get(i).inEventLoop()) {
        return loops.get(i);
      }
    }
    return workers;
  }

  private void runOnLoopOrWorkers(EventExecutor loop, Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException loopShuttingDown) {
      workers.execute(task);
    }
  }
}
