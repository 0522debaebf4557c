package io.switchboard.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final LongAdder completed = new LongAdder();
  private final ProgressMeter meter =
      new ProgressMeter(
          new LoadSchedule(0, 2 * SECOND, 10 * SECOND),
          completed,
          new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Test
  void printsTheCountSoFarAndThePhaseAndRateOfTheIntervalSinceThePreviousLine() {
    completed.add(3_000);
    meter.report(2 * SECOND);
    completed.add(1_000);
    meter.report(4 * SECOND);

    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[   2.0 s] warm-up          3,000 requests so far      1,500 requests/s",
            "[   4.0 s] measuring        4,000 requests so far        500 requests/s");
  }
}
