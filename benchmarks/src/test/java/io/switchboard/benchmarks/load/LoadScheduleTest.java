package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadScheduleTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void measuresFromTheEndOfTheWarmupUntilTheEnd() {
    LoadSchedule schedule = new LoadSchedule(0, 5 * SECOND, 25 * SECOND);

    assertThat(schedule.isMeasured(5 * SECOND - 1)).isFalse();
    assertThat(schedule.isMeasured(5 * SECOND)).isTrue();
    assertThat(schedule.isOver(25 * SECOND - 1)).isFalse();
    assertThat(schedule.isOver(25 * SECOND)).isTrue();
    assertThat(schedule.measuredUntil(3 * SECOND)).isZero();
    assertThat(schedule.measuredUntil(7 * SECOND)).isEqualTo(Duration.ofSeconds(2));
    assertThat(schedule.elapsed(7 * SECOND)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void comparesTimesAcrossTheNanoTimeOverflow() {
    long start = Long.MAX_VALUE - SECOND;
    LoadSchedule schedule = new LoadSchedule(start, start + 2 * SECOND, start + 4 * SECOND);

    assertThat(schedule.isMeasured(start + SECOND)).isFalse();
    assertThat(schedule.isMeasured(start + 3 * SECOND)).isTrue();
    assertThat(schedule.isOver(start + 3 * SECOND)).isFalse();
    assertThat(schedule.isOver(start + 4 * SECOND)).isTrue();
  }

  @Test
  void startsNowWithTheGivenPhases() {
    long before = System.nanoTime();
    LoadSchedule schedule = LoadSchedule.startingNow(Duration.ofSeconds(5), Duration.ofSeconds(20));

    assertThat(schedule.startNanos() - before).isNotNegative();
    assertThat(schedule.measureFromNanos() - schedule.startNanos()).isEqualTo(5 * SECOND);
    assertThat(schedule.endNanos() - schedule.measureFromNanos()).isEqualTo(20 * SECOND);
  }
}
