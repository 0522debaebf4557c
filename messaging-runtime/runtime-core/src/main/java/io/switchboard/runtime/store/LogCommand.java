package io.switchboard.runtime.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** What callers ask the writer thread to do, in queue order. */
sealed interface LogCommand {

  /** Completes the command's future with {@code cause}; no effect once it completed. */
  void fail(Throwable cause);

  /**
   * Append one entry; completes with its position when acknowledged. An unforced append ({@code
   * forced} false) needs no fsync of its own: see {@link DurableLog#appendUnforced}.
   */
  record Append(LogEntry entry, boolean forced, CompletableFuture<LogPosition> acknowledged)
      implements LogCommand {
    @Override
    public void fail(Throwable cause) {
      acknowledged.completeExceptionally(cause);
    }
  }

  /** Drop every record after {@code lastKept}; completes with the new end. */
  record TruncateAfter(LogPosition lastKept, CompletableFuture<LogPosition> done)
      implements LogCommand {
    @Override
    public void fail(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /** Publish a checkpoint of everything committed so far; completes with its covered position. */
  record Checkpoint(CompletableFuture<LogPosition> done) implements LogCommand {
    @Override
    public void fail(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /**
   * Run {@code action} on the writer thread once every record queued before it is applied, before
   * any queued after it; completes with the action's result (or failure, which does not stop the
   * log).
   */
  record Inspect(Supplier<?> action, CompletableFuture<Object> done) implements LogCommand {
    @Override
    public void fail(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /**
   * Sync, publish a final checkpoint and stop; always the last command. Nothing waits on it: the
   * closing caller waits for the writer thread to end and then asks it how it ended.
   */
  record Close() implements LogCommand {
    @Override
    public void fail(Throwable cause) {}
  }
}
