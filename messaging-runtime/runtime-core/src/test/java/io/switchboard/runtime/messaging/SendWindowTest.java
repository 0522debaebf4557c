package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SendWindowTest {

  @Test
  void remembersTheLastSendsUpToItsCapacity() {
    SendWindow window = new SendWindow(5);
    for (long randomId = 1; randomId <= 8; randomId++) {
      window.remember(randomId, randomId * 100);
    }

    for (long forgotten = 1; forgotten <= 3; forgotten++) {
      assertThat(window.find(forgotten)).isEmpty();
    }
    for (long kept = 4; kept <= 8; kept++) {
      assertThat(window.find(kept)).hasValue(kept * 100);
    }
  }

  @Test
  void growingKeepsEveryEntryInOrder() {
    SendWindow window = new SendWindow(64);
    for (long randomId = 1; randomId <= 40; randomId++) {
      window.remember(randomId, randomId);
      for (long earlier = 1; earlier <= randomId; earlier++) {
        assertThat(window.find(earlier)).as("after %d sends", randomId).hasValue(earlier);
      }
    }
  }

  @Test
  void aCheckpointedWindowEvictsInTheSameOrder() throws IOException {
    SendWindow window = new SendWindow(3);
    for (long randomId = 1; randomId <= 5; randomId++) {
      window.remember(randomId, randomId);
    }

    SendWindow restored = roundTrip(window, 3);
    restored.remember(6, 6);

    assertThat(restored.find(3)).isEmpty();
    assertThat(restored.find(4)).hasValue(4);
    assertThat(restored.find(6)).hasValue(6);
    assertThat(roundTrip(window, 2).find(3)).as("a smaller window keeps the newest").isEmpty();
  }

  private static SendWindow roundTrip(SendWindow window, int capacity) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    window.writeTo(new DataOutputStream(bytes));
    return SendWindow.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), capacity);
  }
}
