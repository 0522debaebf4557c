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
  void readsTheRoleAndTheVoluntarySwitchesOfAStatusText() {
    String status =
        """
        Name:\tstore-europe-2-
        State:\tS (sleeping)
        Tgid:\t4242
        voluntary_ctxt_switches:\t18734
        nonvoluntary_ctxt_switches:\t212
        """;

    assertThat(ThreadSwitches.parse(status))
        .hasValueSatisfying(
            reading -> {
              assertThat(reading.role()).isEqualTo(Role.STORE_WORKERS);
              assertThat(reading.voluntary()).isEqualTo(18_734L);
            });
    assertThat(ThreadSwitches.parse("Name:\tx\nState:\tR\n")).isEmpty();
    assertThat(ThreadSwitches.parse("voluntary_ctxt_switches:\t3\n")).isEmpty();
    assertThat(ThreadSwitches.parse("Name:\tx\nvoluntary_ctxt_switches:\tmany\n")).isEmpty();
  }

  @Test
  void tellsRolesByTheFifteenCharactersLinuxKeepsOfAThreadName() {
    assertThat(Role.of("switchboard-log")).isEqualTo(Role.LOG_WRITERS);
    assertThat(Role.of("switchboard-che")).as("the checkpointer").isEqualTo(Role.OTHER);
    assertThat(Role.of("node-middle-eas")).isEqualTo(Role.EVENT_LOOPS);
    assertThat(Role.of("store-asia-1-3-")).isEqualTo(Role.STORE_WORKERS);
    assertThat(Role.of("messaging-load-")).isEqualTo(Role.LOAD_GENERATOR);
    assertThat(Role.of("GC Thread#0")).isEqualTo(Role.OTHER);
    assertThat(Role.of("relay-retry-asi")).isEqualTo(Role.OTHER);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void countsTheWaitsOfAThreadBetweenTwoReadingsUnderItsRole() throws Exception {
    int sleepsBefore = 60;
    int sleeps = 20;
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch measuring = new CountDownLatch(1);
    CountDownLatch slept = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < sleepsBefore; i++) {
                  Thread.sleep(1);
                }
                ready.countDown();
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
      ready.await();
      ThreadSwitches before = ThreadSwitches.now();
      measuring.countDown();
      slept.await();

      Map<Role, Long> window = before.until(ThreadSwitches.now());

      assertThat(window.get(Role.STORE_WORKERS))
          .as("each sleep of the window gave up the core once, and those before it do not count")
          .isGreaterThanOrEqualTo((long) sleeps)
          .isLessThan((long) sleepsBefore);
    } finally {
      worker.interrupt();
      worker.join();
    }
  }
}
