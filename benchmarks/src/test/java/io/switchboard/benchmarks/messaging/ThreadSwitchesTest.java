package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.messaging.ThreadSwitches.Role;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadSwitchesTest {

  @Test
  void readsTheVoluntarySwitchesOfAStatusText() {
    String status =
        """
        Name:\tstore-europe-2-
        State:\tS (sleeping)
        Tgid:\t4242
        voluntary_ctxt_switches:\t18734
        nonvoluntary_ctxt_switches:\t212
        """;

    assertThat(ThreadSwitches.voluntarySwitches(status)).contains(18_734L);
    assertThat(ThreadSwitches.voluntarySwitches("Name:\tx\nState:\tR\n")).isEmpty();
    assertThat(ThreadSwitches.voluntarySwitches("voluntary_ctxt_switches:\tmany\n")).isEmpty();
  }

  @Test
  void tellsRolesByTheFifteenCharactersLinuxKeepsOfAThreadName() {
    assertThat(Role.of("switchboard-log")).isEqualTo(Role.LOG_WRITERS);
    assertThat(Role.of("node-middle-eas")).isEqualTo(Role.EVENT_LOOPS);
    assertThat(Role.of("store-asia-1-3-")).isEqualTo(Role.STORE_WORKERS);
    assertThat(Role.of("messaging-load-")).isEqualTo(Role.LOAD_GENERATOR);
    assertThat(Role.of("GC Thread#0")).isEqualTo(Role.OTHER);
    assertThat(Role.of("relay-retry-asi")).isEqualTo(Role.OTHER);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void countsTheWaitsOfAThreadBetweenTwoReadingsUnderItsRole() throws Exception {
    int sleeps = 20;
    CountDownLatch measuring = new CountDownLatch(1);
    CountDownLatch slept = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                measuring.await();
                for (int i = 0; i < sleeps; i++) {
                  Thread.sleep(1);
                }
                slept.countDown();
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "store-probe");
    worker.start();
    try {
      ThreadSwitches before = ThreadSwitches.now();
      measuring.countDown();
      slept.await();

      Map<Role, Long> window = before.until(ThreadSwitches.now());

      assertThat(window.get(Role.STORE_WORKERS))
          .as("each sleep gave up the core once")
          .isGreaterThanOrEqualTo((long) sleeps);
    } finally {
      worker.interrupt();
      worker.join();
    }
  }
}
