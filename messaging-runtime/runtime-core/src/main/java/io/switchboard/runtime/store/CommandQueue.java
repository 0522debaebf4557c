package io.switchboard.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The queue between callers and the writer thread.
 *
 * <p>Invariants: once the queue is shut (by a {@link LogCommand.Close}, a failure or a halt) no
 * command enters it again, so a command is either taken by the writer or failed, never left behind;
 * a {@link LogCommand.Close} is the last command ever queued. At most {@code maxQueuedAppends}
 * appends wait at a time; more are rejected rather than held in memory.
 *
 * <p>Submitting takes the shared side of a lock and never blocks on the queue; shutting takes the
 * exclusive side, so no submission can slip in after the final drain.
 */
final class CommandQueue {

  private final LinkedBlockingQueue<LogCommand> queue = new LinkedBlockingQueue<>();
  private final ReentrantReadWriteLock shutLock = new ReentrantReadWriteLock();
  private final AtomicInteger queuedAppends = new AtomicInteger();

  /** Queued commands that are not appends: any of them ends {@link #gatherAppendsUntil}. */
  private final AtomicInteger queuedOthers = new AtomicInteger();

  /** The writer while it is parked in {@link #gatherAppendsUntil}, else null. */
  private volatile Thread waitingForAppends;

  /** {@code shutBecause != null}, readable without the lock. */
  private volatile boolean shut;

  private final int maxQueuedAppends;
  private Throwable shutBecause;

  CommandQueue(int maxQueuedAppends) {
    this.maxQueuedAppends = maxQueuedAppends;
  }

  /** Queues {@code command}, or fails it at once when the queue is shut or full of appends. */
  void submit(LogCommand command) {
    shutLock.readLock().lock();
    try {
      if (shutBecause != null) {
        command.fail(shutBecause);
        return;
      }
      if (command instanceof LogCommand.Append
          && queuedAppends.incrementAndGet() > maxQueuedAppends) {
        queuedAppends.decrementAndGet();
        command.fail(
            new RejectedExecutionException(
                "more than " + maxQueuedAppends + " appends are waiting for the log writer"));
        return;
      }
      if (!(command instanceof LogCommand.Append)) {
        queuedOthers.incrementAndGet();
      }
      queue.add(command);
    } finally {
      shutLock.readLock().unlock();
    }
    if (!(command instanceof LogCommand.Append) || queuedAppends.get() >= gatheredEnough()) {
      wakeWaitingForAppends();
    }
  }

  /**
   * Queues {@code close} as the last command and shuts the queue.
   *
   * @return false when the queue was already shut; {@code close} was not queued
   */
  boolean submitLast(LogCommand.Close close) {
    shutLock.writeLock().lock();
    try {
      if (shutBecause != null) {
        return false;
      }
      shutBecause = new IllegalStateException("the log is closed");
      shut = true;
      queuedOthers.incrementAndGet();
      queue.add(close);
    } finally {
      shutLock.writeLock().unlock();
    }
    wakeWaitingForAppends();
    return true;
  }

  /**
   * Shuts the queue because of {@code cause} (unless already shut) and removes every queued
   * command.
   *
   * @return the removed commands, in queue order
   */
  List<LogCommand> shutAndDrain(Throwable cause) {
    shutLock.writeLock().lock();
    try {
      if (shutBecause == null) {
        shutBecause = cause;
      }
      shut = true;
      List<LogCommand> remaining = new ArrayList<>();
      drainTo(remaining);
      return remaining;
    } finally {
      shutLock.writeLock().unlock();
      wakeWaitingForAppends();
    }
  }

  /**
   * Parks the writer until {@code deadlineNanos} ({@link System#nanoTime}) so that appends gather
   * in the queue, without waking it for each of them; returns earlier when a command that is not an
   * append is queued, half the queue's room for appends is taken (appends beyond it would be
   * refused), the queue is shut or the thread is interrupted. Writer thread only.
   */
  void gatherAppendsUntil(long deadlineNanos) {
    Thread writer = Thread.currentThread();
    waitingForAppends = writer;
    try {
      while (queuedOthers.get() == 0
          && queuedAppends.get() < gatheredEnough()
          && !shut
          && !writer.isInterrupted()) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return;
        }
        LockSupport.parkNanos(this, remaining);
      }
    } finally {
      waitingForAppends = null;
    }
  }

  /** Queued appends that end a {@link #gatherAppendsUntil} wait: half the queue's room. */
  private int gatheredEnough() {
    return Math.max(1, maxQueuedAppends / 2);
  }

  /** Ends a {@link #gatherAppendsUntil} wait; called after the state it checks has changed. */
  private void wakeWaitingForAppends() {
    Thread writer = waitingForAppends;
    if (writer != null) {
      LockSupport.unpark(writer);
    }
  }

  /** Waits for the next command; writer thread only. */
  LogCommand take() throws InterruptedException {
    return counted(queue.take());
  }

  /** Waits at most {@code timeoutMillis} for the next command, else null; writer thread only. */
  LogCommand poll(long timeoutMillis) throws InterruptedException {
    return counted(queue.poll(timeoutMillis, TimeUnit.MILLISECONDS));
  }

  /** Moves every queued command to {@code target}; writer thread only. */
  void drainTo(List<LogCommand> target) {
    int from = target.size();
    queue.drainTo(target);
    for (int i = from; i < target.size(); i++) {
      counted(target.get(i));
    }
  }

  private LogCommand counted(LogCommand taken) {
    if (taken instanceof LogCommand.Append) {
      queuedAppends.decrementAndGet();
    } else if (taken != null) {
      queuedOthers.decrementAndGet();
    }
    return taken;
  }
}
