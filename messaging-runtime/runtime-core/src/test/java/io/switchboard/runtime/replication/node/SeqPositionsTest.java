package io.switchboard.runtime.replication.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqPositionsTest {

  @Test
  void positionsRoundTripAcrossChunksFarJumpsTruncationAndFreezing() {
    SeqPositions positions = new SeqPositions();
    long[] expected = new long[2000];
    long position = 7;
    for (int i = 0; i < expected.length; i++) {
      position += i % 500 == 499 ? 5L << 32 : 15 + i % 40;
      expected[i] = position;
      positions.append(position);
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(positions.positionOf(i + 1)).isEqualTo(expected[i]);
    }
    SeqPositions.Frozen frozen = positions.freeze(1500);

    positions.truncateAfter(1600);
    for (int i = 1600; i < 1800; i++) {
      expected[i] = expected[i] + 3;
      positions.append(expected[i]);
    }

    assertThat(positions.size()).isEqualTo(1800);
    for (int i = 0; i < 1800; i++) {
      assertThat(positions.positionOf(i + 1)).isEqualTo(expected[i]);
    }
    assertThat(frozen.size()).isEqualTo(2000);
    assertThat(frozen.positionOf(1700))
        .as("copied before the rewrite")
        .isEqualTo(expected[1699] - 3);
    assertThat(frozen.positionOf(1000)).isEqualTo(expected[999]);
    assertThat(positions.bytes()).isLessThan(2000L * 5 + 64 * 4 * 48);
  }
}
