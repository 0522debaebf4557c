package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.switchboard.runtime.messaging.log.SendMessage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRelaySourcesTest {

  @Test
  void findsTheCommandRecordedAtExactlyThatPosition() {
    RecentRelaySources sources = new RecentRelaySources(12);
    Message first = send(1);
    Message second = send(2);

    sources.record(1_000, first);
    sources.record(1_187, second);

    assertThat(sources.at(1_000)).containsSame(first);
    assertThat(sources.at(1_187)).containsSame(second);
    assertThat(sources.at(1_001)).as("a position nobody recorded").isEmpty();
  }

  /** With two slots, any three positions share one: the newer command evicts the older. */
  @Test
  void aNewerCommandInTheSameSlotMakesTheOlderPositionMissNeverAnswerWrongly() {
    RecentRelaySources sources = new RecentRelaySources(1);
    Map<Long, Message> recorded = new HashMap<>();
    for (long position = 0; position <= 74; position += 37) {
      Message command = send(position);
      sources.record(position, command);
      recorded.put(position, command);
    }

    long found = 0;
    for (Map.Entry<Long, Message> entry : recorded.entrySet()) {
      Long position = entry.getKey();
      if (sources.at(position).isPresent()) {
        assertThat(sources.at(position)).containsSame(entry.getValue());
        found++;
      }
    }
    assertThat(found).as("two slots keep at most two commands").isBetween(1L, 2L);
    assertThat(sources.at(74)).as("the newest is always kept").contains(send(74));
  }

  @Test
  void clearForgetsEveryCommand() {
    RecentRelaySources sources = new RecentRelaySources(4);
    for (long position = 0; position < 16; position++) {
      sources.record(position * 150, send(position));
    }

    sources.clear();

    for (long position = 0; position < 16; position++) {
      assertThat(sources.at(position * 150)).isEmpty();
    }
  }

  @Test
  void refusesASizeOutsideItsRange() {
    assertThatThrownBy(() -> new RecentRelaySources(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecentRelaySources(21))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Message send(long randomId) {
    return SendMessage.newBuilder().setSenderId(1).setRandomId(randomId).setText("hi").build();
  }
}
