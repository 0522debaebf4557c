package io.switchboard.runtime.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboundLimitsTest {

  private static final Duration GRACE = Duration.ofSeconds(1);

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(OutboundLimits.DEFAULT)
        .isEqualTo(new OutboundLimits(262_144, 1_048_576, 4_194_304, Duration.ofSeconds(10)));
  }

  @Test
  void theWaterMarkIsTheLowAndHighMark() {
    WriteBufferWaterMark mark = new OutboundLimits(10, 20, 20, GRACE).waterMark();

    assertThat(mark.low()).isEqualTo(10);
    assertThat(mark.high()).isEqualTo(20);
  }

  @Test
  void refusesInconsistentLimits() {
    assertThatThrownBy(() -> new OutboundLimits(0, 20, 30, GRACE)).hasMessageContaining("0 < low");
    assertThatThrownBy(() -> new OutboundLimits(20, 20, 30, GRACE))
        .hasMessageContaining("low < high");
    assertThatThrownBy(() -> new OutboundLimits(10, 20, 19, GRACE))
        .hasMessageContaining("at least the high-water mark 20");
    assertThatThrownBy(() -> new OutboundLimits(10, 20, 30, Duration.ZERO))
        .hasMessageContaining("slowConsumerGrace must be positive");
    assertThatThrownBy(() -> new OutboundLimits(10, 20, 30, null))
        .isInstanceOf(NullPointerException.class);
  }
}
