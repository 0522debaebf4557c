package io.switchboard.console.shards;

import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardView;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Replication lag of every shard for the map's lag colouring. The shard API reports lag only per
 * shard ({@link ShardApi#shard}: the primary's report, a status call per replica and the shard's
 * history), a few milliseconds to tens of milliseconds each, so 1024 of them cannot run on every
 * refresh. Instead:
 *
 * <ol>
 *   <li>each refresh asks for the next batch: at most {@link #BATCH} shards, round robin from where
 *       the previous batch stopped, or fewer if {@link #BUDGET_MILLIS} runs out first;
 *   <li>the batch runs on a small shared background pool (with the signed-in user's security
 *       context), never inside the UI's session lock; a refresh while a batch runs starts none;
 *   <li>each answer replaces the shard's sample at once; a refresh draws what has arrived, and
 *       shards not sampled yet are drawn as such;
 *   <li>a shard's detail, when someone opens it, also counts as a sample.
 * </ol>
 *
 * A full sweep thus takes about 1024 / {@link #BATCH} refreshes (half a minute at one per second).
 */
final class LagSampler {

  static final int BATCH = 32;
  static final long BUDGET_MILLIS = 700;

  private static final ExecutorService WORKERS =
      Executors.newFixedThreadPool(
          2,
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable runnable) {
              Thread thread =
                  new Thread(runnable, "console-lag-sampler-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            }
          });

  private final ShardApi shards;
  private final LongSupplier millis;
  private final AtomicReferenceArray<LagSample> samples;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger sampled = new AtomicInteger();
  private volatile boolean stopped;
  private int cursor;

  LagSampler(ShardApi shards, int shardCount, LongSupplier millis) {
    this.shards = shards;
    this.millis = millis;
    this.samples = new AtomicReferenceArray<>(shardCount);
  }

  /**
   * The shared background pool, running tasks as the user of the current thread's security context
   * (in a UI access, the signed-in user of that UI).
   */
  static Executor backgroundAsCurrentUser() {
    SecurityContext current = SecurityContextHolder.getContext();
    SecurityContext copy = SecurityContextHolder.createEmptyContext();
    copy.setAuthentication(current.getAuthentication());
    return task -> WORKERS.execute(new DelegatingSecurityContextRunnable(task, copy));
  }

  /**
   * Starts the next batch on {@code executor} unless one still runs.
   *
   * @return whether a batch was started
   */
  boolean sampleNext(Executor executor) {
    if (stopped || !busy.compareAndSet(false, true)) {
      return false;
    }
    try {
      executor.execute(this::runBatch);
    } catch (RuntimeException e) {
      busy.set(false);
      throw e;
    }
    return true;
  }

  private void runBatch() {
    try {
      long deadline = millis.getAsLong() + BUDGET_MILLIS;
      int count = samples.length();
      for (int i = 0; i < BATCH && count > 0 && !stopped; i++) {
        int shard = cursor;
        cursor = (cursor + 1) % count;
        try {
          record(shards.shard(shard));
        } catch (RuntimeException e) {
          // Not readable now (a node timed out, the role lost): keep the previous sample.
        }
        if (millis.getAsLong() >= deadline) {
          break;
        }
      }
    } finally {
      busy.set(false);
    }
  }

  /** Takes the lag in {@code view} as its shard's sample. */
  void record(ShardView view) {
    int shard = view.summary().shard();
    if (shard < 0 || shard >= samples.length()) {
      return;
    }
    if (samples.getAndSet(shard, LagSample.of(view)) == null) {
      sampled.incrementAndGet();
    }
  }

  /** The newest sample of {@code shard}, or {@code null} when it has none yet. */
  LagSample get(int shard) {
    return shard >= 0 && shard < samples.length() ? samples.get(shard) : null;
  }

  /** How many shards have a sample. */
  int sampledShards() {
    return sampled.get();
  }

  int shardCount() {
    return samples.length();
  }

  /** Whether a batch runs now. */
  boolean busy() {
    return busy.get();
  }

  /** Stops for good: a running batch ends after its current shard, no new one starts. */
  void stop() {
    stopped = true;
  }
}
