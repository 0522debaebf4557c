package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Repeats an asynchronous attempt that failed for a passing reason, as the {@link RetryPolicy}
 * says.
 *
 * <ol>
 *   <li>Start the attempt.
 *   <li>Success: the outcome is its value.
 *   <li>A failure that is not {@link #isPassing passing}, or the last allowed attempt (the first,
 *       for requests that are not idempotent), or a client that is closing: the outcome is that
 *       failure, unwrapped from {@link CompletionException}.
 *   <li>Otherwise wait {@link RetryPolicy#backoffBefore} on the scheduler and go to step 1.
 * </ol>
 *
 * <p>{@link #close} fails every outcome that waits for a retry: a scheduler shut down with {@code
 * shutdownNow} drops the retries it had queued, so nothing else would complete them.
 *
 * <p>Thread-safe.
 */
final class Retrier {

  private static final Set<ErrorCode> PASSING_ERRORS =
      EnumSet.of(ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE, ErrorCode.WRONG_SHARD);

  private final RetryPolicy policy;
  private final RandomGenerator random;
  private final ScheduledExecutorService scheduler;
  private final Set<CompletableFuture<?>> waitingForRetry = ConcurrentHashMap.newKeySet();

  Retrier(RetryPolicy policy, RandomGenerator random, ScheduledExecutorService scheduler) {
    this.policy = policy;
    this.random = random;
    this.scheduler = scheduler;
  }

  /**
   * Runs {@code attempt} until it succeeds or may not be repeated; see the class Javadoc.
   *
   * @param attempt starts one attempt; called again for every retry
   * @param idempotent whether repeating the attempt is safe; if not, it runs once
   */
  <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> attempt, boolean idempotent) {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    attempt(attempt, 1, idempotent ? policy.maxAttempts() : 1, outcome);
    return outcome;
  }

  /**
   * Fails every outcome waiting for a retry with {@code reason}; call after shutting the scheduler
   * down. Attempts in progress end by themselves: their failure sees the scheduler shut down.
   */
  void close(Throwable reason) {
    for (CompletableFuture<?> outcome : waitingForRetry) {
      waitingForRetry.remove(outcome);
      outcome.completeExceptionally(reason);
    }
  }

  /**
   * Whether a failure may pass when the attempt is repeated: the connection was lost or an answer
   * did not come in time (the outcome is unknown), or the gateway answered INTERNAL, UNAVAILABLE or
   * WRONG_SHARD.
   */
  static boolean isPassing(Throwable failure) {
    return failure instanceof ConnectionLostException
        || failure instanceof TimeoutException
        || (failure instanceof GatewayException refused && PASSING_ERRORS.contains(refused.code()));
  }

  /** The failure itself, without the wrappers futures put around it. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private <T> void attempt(
      Supplier<CompletableFuture<T>> attempt,
      int number,
      int maxAttempts,
      CompletableFuture<T> outcome) {
    CompletableFuture<T> result;
    try {
      result = attempt.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            outcome.complete(value);
            return;
          }
          Throwable cause = unwrap(failure);
          if (number >= maxAttempts || !isPassing(cause) || scheduler.isShutdown()) {
            outcome.completeExceptionally(cause);
            return;
          }
          waitingForRetry.add(outcome);
          try {
            scheduler.schedule(
                () -> {
                  waitingForRetry.remove(outcome);
                  attempt(attempt, number + 1, maxAttempts, outcome);
                },
                policy.backoffBefore(number, random).toNanos(),
                TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException closing) {
            waitingForRetry.remove(outcome);
            outcome.completeExceptionally(cause);
          }
        });
  }
}
