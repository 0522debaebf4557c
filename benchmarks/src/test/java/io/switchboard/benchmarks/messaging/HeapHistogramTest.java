package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.benchmarks.messaging.HeapHistogram.Growth;
import org.junit.jupiter.api.Test;

class HeapHistogramTest {

  private static final String BEFORE =
      """
      28835:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         13025         793720  [B (java.base@17.0.15)
         2:          3002         360856  java.lang.Class (java.base@17.0.15)
         3:           100           2400  io.netty.channel.DefaultChannelHandlerContext
      Total         16127        1156976
      """;

  private static final String AFTER =
      """
      28835:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         15025         993720  [B (java.base@17.0.15)
         2:          3002         360856  java.lang.Class (java.base@17.0.15)
         3:          7100         170400  io.netty.channel.DefaultChannelHandlerContext
         4:          1000          24000  java.lang.Object (java.base@17.0.15)
      Total         26127        1548976
      """;

  @Test
  void readsTheTotalsAndEveryClass() {
    HeapHistogram histogram = HeapHistogram.parse(BEFORE);

    assertThat(histogram.totalInstances()).isEqualTo(16_127);
    assertThat(histogram.totalBytes()).isEqualTo(1_156_976);
    assertThat(histogram.bytesByClass())
        .containsEntry("[B", 793_720L)
        .containsEntry("io.netty.channel.DefaultChannelHandlerContext", 2_400L)
        .hasSize(3);
  }

  @Test
  void listsTheClassesThatGrewMostFirst() {
    HeapHistogram before = HeapHistogram.parse(BEFORE);
    HeapHistogram after = HeapHistogram.parse(AFTER);

    assertThat(after.largestGrowthSince(before, 2))
        .containsExactly(
            new Growth("[B", 200_000, 2_000),
            new Growth("io.netty.channel.DefaultChannelHandlerContext", 168_000, 7_000));
    assertThat(after.largestGrowthSince(before, 10)).hasSize(3);
  }

  @Test
  void rejectsOutputWithoutATotal() {
    assertThatThrownBy(
            () -> HeapHistogram.parse("28835:\ncom.sun.tools.attach.AttachNotSupportedException"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a class histogram");
  }
}
