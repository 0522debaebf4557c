package io.switchboard.runtime.replication.node;

import java.util.concurrent.Executor;

/**
 * The node's workers, for work that follows an acknowledged append or a peer's reply, which may
 * instead run on the event loop that started it (ADR 0015).
 *
 * <p>A hand-off costs a wake-up of the thread that takes it, and on a node that is not saturated
 * each wake-up is a context switch. When an event loop that is not busy proposes a command, the
 * acknowledgement's handler that {@link #forCaller()} chose runs on that same loop: the loop would
 * have been woken anyway to write the answer, so the handler saves a store worker's wake-up, and a
 * task the loop queues for itself runs after its current task without any wake-up.
 *
 * <p>Contract: {@link #execute} runs the task on the workers; {@link #forCaller()}, called on the
 * thread that hands work off, returns the executor that should run it: the calling thread's own
 * event loop if it is one of the node's and not busy (the node's implementation says when a loop
 * counts as busy), else this. Hand {@link #forCaller()} only work that never blocks for long (it
 * may wait for a shard's lock and read recent records, which the page cache holds): an event loop
 * serves many connections. Blocking reads go to {@link #execute}.
 */
public interface LoopAffineExecutor extends Executor {

  /** The executor for work the calling thread hands off; see the class comment. */
  Executor forCaller();

  /**
   * {@code executor}'s choice for the calling thread when it is a {@link LoopAffineExecutor}, else
   * {@code executor} itself.
   */
  static Executor forCaller(Executor executor) {
    return executor instanceof LoopAffineExecutor affine ? affine.forCaller() : executor;
  }
}
