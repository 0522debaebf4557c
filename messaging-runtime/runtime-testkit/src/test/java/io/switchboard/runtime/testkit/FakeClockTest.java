package io.switchboard.runtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final FakeClock clock = FakeClock.at(START);

  @Test
  void standsStillUntilMoved() {
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advancesByTheGivenDuration() {
    Instant moved = clock.advance(Duration.ofSeconds(90));

    assertThat(moved).isEqualTo(START.plusSeconds(90));
    assertThat(clock.instant()).isEqualTo(moved);
  }

  @Test
  void refusesToAdvanceBackwards() {
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void canBeSetAnywhereIncludingThePast() {
    Instant past = START.minusSeconds(3600);

    clock.setInstant(past);

    assertThat(clock.instant()).isEqualTo(past);
  }

  @Test
  void aZonedViewSharesTheInstant() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    FakeClock zoned = clock.withZone(tokyo);

    clock.advance(Duration.ofMinutes(5));

    assertThat(zoned.getZone()).isEqualTo(tokyo);
    assertThat(zoned.instant()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void concurrentAdvancesAreNeverLost() throws InterruptedException {
    int threads = 4;
    int advancesPerThread = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(go);
                for (int i = 0; i < advancesPerThread; i++) {
                  clock.advance(Duration.ofNanos(1));
                }
              });
      worker.start();
      workers.add(worker);
    }

    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(clock.instant()).isEqualTo(START.plusNanos((long) threads * advancesPerThread));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
