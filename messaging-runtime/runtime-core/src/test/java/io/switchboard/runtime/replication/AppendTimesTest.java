package io.switchboard.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The append times a primary keeps for replica lag. */
class AppendTimesTest {

  @Test
  void entriesAppendedInTheSameMillisecondShareOneSample() {
    AppendTimes times = new AppendTimes(16);

    times.record(1, 100);
    times.record(2, 100);
    times.record(3, 105);
    times.record(4, 105);

    assertThat(times.size()).isEqualTo(2);
    assertThat(times.appendMillisOf(1)).isEqualTo(100);
    assertThat(times.appendMillisOf(2)).isEqualTo(100);
    assertThat(times.appendMillisOf(3)).isEqualTo(105);
    assertThat(times.appendMillisOf(4)).isEqualTo(105);
    assertThat(times.appendMillisOf(99)).isEqualTo(105);
  }

  @Test
  void atCapacityTheOldestRunsMergeSoALagIsOverstatedNeverUnderstated() {
    AppendTimes times = new AppendTimes(3);

    times.record(1, 100);
    times.record(2, 200);
    times.record(3, 300);
    times.record(4, 400);

    assertThat(times.size()).isEqualTo(3);
    assertThat(times.appendMillisOf(2)).isEqualTo(100); // merged into the first run: older
    assertThat(times.appendMillisOf(3)).isEqualTo(300);
    assertThat(times.appendMillisOf(4)).isEqualTo(400);
  }

  @Test
  void forgettingKeepsTheNewestSampleSoALaterReplicaStillHasATime() {
    AppendTimes times = new AppendTimes(8);
    times.record(1, 100);
    times.record(2, 200);
    times.record(3, 300);

    times.forgetThrough(1);
    assertThat(times.size()).isEqualTo(2);
    assertThat(times.appendMillisOf(1)).isEqualTo(200); // forgotten: the oldest kept answers

    times.forgetThrough(10);
    assertThat(times.size()).isEqualTo(1);
    assertThat(times.appendMillisOf(10)).isEqualTo(300);
  }

  @Test
  void nothingRecordedHasNoTime() {
    assertThatThrownBy(() -> new AppendTimes(8).appendMillisOf(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no append time");
    assertThatThrownBy(() -> new AppendTimes(1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Random appends, forgets and lookups against a list of samples kept the obvious way: the ring's
   * wrap-around, growth and merging must never change an answer.
   */
  @Test
  void answersAsAPlainListOfSamplesWouldThroughWrapsGrowthAndMerges() {
    SplittableRandom random = new SplittableRandom(20261127);
    for (int round = 0; round < 200; round++) {
      int capacity = 2 + random.nextInt(40);
      AppendTimes times = new AppendTimes(capacity);
      List<long[]> model = new ArrayList<>();
      long seq = 0;
      long millis = 0;
      for (int step = 0; step < 2_000; step++) {
        int action = random.nextInt(10);
        if (action < 6) {
          seq++;
          millis += random.nextInt(3);
          times.record(seq, millis);
          recordInModel(model, capacity, seq, millis);
        } else if (action < 8 && seq > 0) {
          long through = seq - random.nextInt((int) Math.min(seq, 50));
          times.forgetThrough(through);
          while (model.size() > 1 && model.get(1)[0] <= through + 1) {
            model.remove(0);
          }
        } else if (seq > 0) {
          long asked = 1 + random.nextLong(seq + 5);
          assertThat(times.appendMillisOf(asked))
              .as("round %d step %d seq %d", round, step, asked)
              .isEqualTo(modelMillisOf(model, asked));
        }
        assertThat(times.size()).isEqualTo(model.size());
      }
    }
  }

  private static void recordInModel(List<long[]> model, int capacity, long seq, long millis) {
    if (!model.isEmpty() && model.get(model.size() - 1)[1] >= millis) {
      return;
    }
    model.add(new long[] {seq, millis});
    if (model.size() > capacity) {
      model.remove(1);
    }
  }

  private static long modelMillisOf(List<long[]> model, long seq) {
    for (int i = model.size() - 1; i >= 0; i--) {
      if (model.get(i)[0] <= seq) {
        return model.get(i)[1];
      }
    }
    return model.get(0)[1];
  }
}
