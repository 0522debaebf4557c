package io.switchboard.runtime.node.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.switchboard.runtime.replication.node.LoopAffineExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A node's store workers together with its event loops ({@link LoopAffineExecutor}, ADR 0015).
 *
 * <p>{@link #forCaller()} returns the calling thread's own loop when it is one of {@code loops}
 * (found by asking each loop) and that loop has at most {@link #MAX_QUEUED_ON_LOOP} tasks waiting;
 * a loop with more is busy enough that the workers' wake-up costs less than the loop's delay, and
 * on a node with a single loop the workers are what lets the node use a second core. A task a loop
 * refuses because it is shutting down runs on the workers instead, so no hand-off is ever lost
 * while the workers run.
 */
final class LoopAffineWorkers implements LoopAffineExecutor {

  /** Tasks a loop may have waiting and still take a hand-off of its own (ADR 0015). */
  static final int MAX_QUEUED_ON_LOOP = 4;

  /** One of the node's loops, and the executor that hands it work (the workers if it refuses). */
  private record Loop(SingleThreadEventExecutor thread, Executor handOff) {}

  private final Executor workers;
  private final List<Loop> loops = new ArrayList<>();

  /**
   * @param loops a group of single-threaded loops, such as Netty's NIO or epoll groups
   * @throws IllegalArgumentException when a loop of the group is not single-threaded
   */
  LoopAffineWorkers(Executor workers, EventLoopGroup loops) {
    this.workers = Objects.requireNonNull(workers, "workers");
    for (EventExecutor loop : loops) {
      if (!(loop instanceof SingleThreadEventExecutor singleThreaded)) {
        throw new IllegalArgumentException("not a single-threaded loop: " + loop);
      }
      this.loops.add(new Loop(singleThreaded, task -> runOnLoopOrWorkers(loop, task)));
    }
  }

  @Override
  public void execute(Runnable task) {
    workers.execute(task);
  }

  @Override
  public Executor forCaller() {
    for (Loop loop : loops) {
      if (loop.thread().inEventLoop()) {
        return loop.thread().pendingTasks() <= MAX_QUEUED_ON_LOOP ? loop.handOff() : workers;
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
