package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theExponentialPartDoublesFrom100MillisecondsUpTo30Seconds() {
    Backoff withoutJitter =
        new Backoff(
            Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ZERO, new SplittableRandom(1));

    assertThat(
            IntStream.rangeClosed(1, 12)
                .mapToObj(retry -> withoutJitter.delayBefore(retry).toMillis()))
        .containsExactly(
            100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 12_800L, 25_600L, 30_000L, 30_000L,
            30_000L);
    assertThat(withoutJitter.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterAddsUpToOneSecondAndVaries() {
    Backoff backoff = Backoff.crossDcReplication(new SplittableRandom(3));

    long[] delays = new long[200];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = backoff.delayBefore(4).toMillis();
      assertThat(delays[i]).isBetween(800L, 1800L);
    }
    assertThat(Arrays.stream(delays).distinct().count()).isGreaterThan(100);
  }

  @Test
  void retriesAreNumberedFromOneAndParametersMustMakeSense() {
    Backoff backoff = Backoff.crossDcReplication(new SplittableRandom(3));

    assertThatThrownBy(() -> backoff.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Backoff(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
