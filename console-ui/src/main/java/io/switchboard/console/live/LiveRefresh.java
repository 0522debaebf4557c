package io.switchboard.console.live;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Periodic refresh for views whose data has no event stream: every {@code period} the task runs
 * inside {@link UI#access} (with the UI's session locked and its user's security context, as the
 * console's security set-up resolves it from the Vaadin session) and its changes reach the browser
 * by server push, the console's one live-update mechanism. No client polling, no busy loop: a small
 * shared timer only hands ticks to the UIs; a tick is skipped while the previous one of the same UI
 * still waits for its session lock, so a slow session never piles work up.
 *
 * <p>Views start a refresh on attach and remove the returned registration on detach; a refresh of a
 * UI that went away (closed tab, expired session) stops by itself.
 */
public final class LiveRefresh {

  private static final ScheduledExecutorService TIMER =
      Executors.newScheduledThreadPool(2, daemonThreads());

  private LiveRefresh() {}

  /** Runs {@code task} in {@code ui} every {@code period} until the registration is removed. */
  public static Registration every(UI ui, Duration period, Command task) {
    AtomicReference<Future<Void>> pending = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> schedule = new AtomicReference<>();
    Runnable tick =
        () -> {
          Future<Void> previous = pending.get();
          if (previous != null && !previous.isDone()) {
            return;
          }
          try {
            pending.set(ui.access(task));
          } catch (UIDetachedException | IllegalStateException gone) {
            ScheduledFuture<?> own = schedule.get();
            if (own != null) {
              own.cancel(false);
            }
          }
        };
    long millis = Math.max(100, period.toMillis());
    schedule.set(
        TIMER.scheduleWithFixedDelay(
            tick, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS));
    return () -> schedule.get().cancel(false);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "console-live-refresh-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
