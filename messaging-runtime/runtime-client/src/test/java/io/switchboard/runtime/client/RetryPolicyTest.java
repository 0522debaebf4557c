package io.switchboard.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(700));

  @Test
  void doublesTheCeilingPerRetryUpToTheMaximumAndDrawsFromItsUpperHalf() {
    SplittableRandom random = new SplittableRandom(42);
    long[] ceilings = {100, 200, 400, 700, 700};

    for (int retry = 1; retry <= ceilings.length; retry++) {
      long ceiling = ceilings[retry - 1];
      for (int draw = 0; draw < 200; draw++) {
        assertThat(policy.backoffBefore(retry, random))
            .as("retry %d", retry)
            .isBetween(Duration.ofMillis(ceiling / 2), Duration.ofMillis(ceiling));
      }
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    SplittableRandom random = new SplittableRandom(7);

    Duration first = policy.backoffBefore(3, random);

    boolean spread = false;
    for (int draw = 0; draw < 20 && !spread; draw++) {
      spread = !policy.backoffBefore(3, random).equals(first);
    }
    assertThat(spread).isTrue();
  }

  @Test
  void aRetryCountIsAtLeastOneAndTheLimitsAreConsistent() {
    assertThatThrownBy(() -> policy.backoffBefore(0, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(2), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
