package io.switchboard.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochHistoryTest {

  @Test
  void answersEpochsAndEpochEndsAndForgetsTruncatedEpochs() {
    EpochHistory history = EpochHistory.empty();
    long[] epochs = {1, 1, 3, 3, 3, 4};
    for (int i = 0; i < epochs.length; i++) {
      history.append(i + 1, epochs[i]);
    }

    assertThat(history.epochOf(0)).isZero();
    assertThat(history.epochOf(2)).isEqualTo(1);
    assertThat(history.epochOf(3)).isEqualTo(3);
    assertThat(history.epochOf(6)).isEqualTo(4);
    assertThat(history.endOfEpoch(0)).isZero();
    assertThat(history.endOfEpoch(1)).isEqualTo(2);
    assertThat(history.endOfEpoch(2)).as("no entry of epoch 2: where epoch 1 ends").isEqualTo(2);
    assertThat(history.endOfEpoch(3)).isEqualTo(5);
    assertThat(history.endOfEpoch(9)).isEqualTo(6);

    history.truncateAfter(3);

    assertThat(history.lastSeq()).isEqualTo(3);
    assertThat(history.lastEpoch()).isEqualTo(3);
    history.truncateAfter(2);
    assertThat(history.lastEpoch()).isEqualTo(1);
    assertThat(history.endOfEpoch(3)).isEqualTo(2);
  }

  @Test
  void refusesGapsAndDecreasingEpochs() {
    EpochHistory history = EpochHistory.empty();
    history.append(1, 2);

    assertThatThrownBy(() -> history.append(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> history.append(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rebuildsFromALogLikeAppendsDid() {
    InMemoryShardLog log = new InMemoryShardLog();
    EpochHistory appended = EpochHistory.empty();
    List<ShardEntry> entries = new ArrayList<>();
    long epoch = 1;
    for (long seq = 1; seq <= 200; seq++) {
      epoch += seq % 37 == 0 ? 2 : seq % 50 == 0 ? 1 : 0;
      entries.add(new ShardEntry(seq, epoch, 2, new byte[0]));
      appended.append(seq, epoch);
    }
    log.append(entries);

    EpochHistory rebuilt = EpochHistory.of(log);

    assertThat(rebuilt.toString()).isEqualTo(appended.toString());
    for (long seq = 0; seq <= 200; seq++) {
      assertThat(rebuilt.epochOf(seq)).isEqualTo(appended.epochOf(seq));
    }
  }
}
