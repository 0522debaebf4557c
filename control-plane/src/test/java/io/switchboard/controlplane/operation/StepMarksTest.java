package io.switchboard.controlplane.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepMarksTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void marksKeepTheirOrderThroughTheStoredForm() {
    Map<String, Instant> marks = new LinkedHashMap<>();
    marks.put("promoted", T0.plusMillis(1_250));
    marks.put("fenced", T0.plusMillis(900));
    marks.put("notified", T0.plusNanos(1_300_000_123));

    String stored = StepMarks.format(marks);

    assertThat(stored)
        .isEqualTo(
            "promoted=2026-11-26T10:00:01.250Z,fenced=2026-11-26T10:00:00.900Z,"
                + "notified=2026-11-26T10:00:01.300000123Z");
    assertThat(StepMarks.parse(stored)).containsExactlyEntriesOf(marks);
  }

  @Test
  void noMarksAreStoredAsNull() {
    assertThat(StepMarks.format(Map.of())).isNull();
    assertThat(StepMarks.parse(null)).isEmpty();
    assertThat(StepMarks.parse("")).isEmpty();
  }

  @Test
  void aMomentThatDidNotHappenIsLeftOut() {
    Map<String, Instant> marks = new HashMap<>();
    marks.put("fenced", T0);
    marks.put("notified", null);

    assertThat(new StepResult.Done("ok", marks).marks()).containsOnlyKeys("fenced");
  }

  @Test
  void aNameThatWouldBreakTheStoredFormIsRefused() {
    assertThatThrownBy(() -> new StepResult.Done("ok", Map.of("a=b", T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a=b'");
    assertThatThrownBy(() -> new StepResult.Done("ok", Map.of("Fenced", T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDamagedStoredFormIsReportedNotGuessed() {
    assertThatThrownBy(() -> StepMarks.parse("fenced=yesterday"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fenced=yesterday");
    assertThatThrownBy(() -> StepMarks.parse("fenced")).isInstanceOf(IllegalStateException.class);
  }
}
