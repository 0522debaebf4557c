package io.switchboard.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PingLoadTest {

  @Test
  void measuresEveryAnsweredPingOfAShortRunAgainstAnInProcessNode() throws Exception {
    PingLoadResult result;
    try (InProcessGateway gateway = InProcessGateway.start()) {
      result =
          new PingLoad(
                  gateway.address(),
                  2,
                  Duration.ZERO,
                  Duration.ofSeconds(1),
                  new PrintStream(OutputStream.nullOutputStream()))
              .run();
    }

    assertThat(result.connections()).isEqualTo(2);
    assertThat(result.requests()).isPositive();
    assertThat(result.roundTripNanos().getTotalCount()).isEqualTo(result.requests());
    assertThat(result.measured()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(result.throughputPerSecond()).isPositive();
    assertThat(result.latencyMicros(50)).isPositive().isLessThanOrEqualTo(result.latencyMicros(99));
    assertThat(result.latencyMicros(99)).isLessThanOrEqualTo(result.maxLatencyMicros());
  }
}
