package io.switchboard.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MailboxIndexTest {

  private final MailboxIndex index = new MailboxIndex();

  @Test
  void numbersEachMailboxsEntriesFromOneWithoutGaps() {
    assertThat(index.append(7, 100)).isEqualTo(1);
    assertThat(index.append(8, 150)).isEqualTo(1);
    assertThat(index.append(7, 200)).isEqualTo(2);
    assertThat(index.append(7, 300)).isEqualTo(3);

    assertThat(index.lastPts(7)).isEqualTo(3);
    assertThat(index.lastPts(8)).isEqualTo(1);
    assertThat(index.position(7, 1)).isEqualTo(100);
    assertThat(index.position(7, 2)).isEqualTo(200);
    assertThat(index.position(7, 3)).isEqualTo(300);
    assertThat(index.position(8, 1)).isEqualTo(150);
    assertThat(index.entries()).isEqualTo(4);
    assertThat(index.mailboxes()).isEqualTo(2);
  }

  @Test
  void knowsNothingOfUnknownMailboxesOrPtsOutOfRange() {
    index.append(7, 100);

    assertThat(index.lastPts(9)).isZero();
    assertThatThrownBy(() -> index.position(9, 1)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> index.position(7, 0)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> index.position(7, 2)).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void refusesAPositionThatIsNotAfterTheMailboxsLastOne() {
    index.append(7, 100);

    assertThatThrownBy(() -> index.append(7, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.append(7, 50)).isInstanceOf(IllegalArgumentException.class);
    assertThat(index.lastPts(7)).isEqualTo(1);
  }

  @Test
  void keepsEveryEntryThroughTableAndArrayGrowth() {
    for (int round = 0; round < 50; round++) {
      for (long mailbox = 0; mailbox < 1_000; mailbox++) {
        index.append(mailbox * 1_024, positionOf(mailbox, round));
      }
    }

    for (long mailbox = 0; mailbox < 1_000; mailbox++) {
      assertThat(index.lastPts(mailbox * 1_024)).isEqualTo(50);
      for (int pts = 1; pts <= 50; pts++) {
        assertThat(index.position(mailbox * 1_024, pts)).isEqualTo(positionOf(mailbox, pts - 1));
      }
    }
  }

  @Test
  void countsEveryArrayByItsLength() {
    long emptyTable = (16 + 16 * 8) + (16 + 16 * 4) + (16 + 16 * 4);
    assertThat(index.accountedBytes()).isEqualTo(emptyTable);

    index.append(1, 10);
    assertThat(index.accountedBytes()).isEqualTo(emptyTable + 16 + 8);

    index.append(1, 20);
    index.append(1, 30);
    assertThat(index.accountedBytes()).isEqualTo(emptyTable + 16 + 4 * 8);
    assertThat(index.bytesPerEntry()).isEqualTo((emptyTable + 16 + 4 * 8) / 3.0);
  }

  @Test
  void needsAtMost32BytesPerEntryFor100kMailboxesOf10Entries() {
    for (int round = 0; round < 10; round++) {
      for (long mailbox = 0; mailbox < 100_000; mailbox++) {
        index.append(mailbox, positionOf(mailbox, round));
      }
    }

    assertThat(index.entries()).isEqualTo(1_000_000);
    assertThat(index.bytesPerEntry()).isLessThanOrEqualTo(32);
  }

  @Test
  void truncateAfterForgetsLaterEntriesInEveryMailbox() {
    index.append(1, 10);
    index.append(2, 20);
    index.append(1, 30);
    index.append(2, 40);
    index.append(3, 50);
    long bytesBefore = index.accountedBytes();

    index.truncateAfter(25);

    assertThat(index.lastPts(1)).isEqualTo(1);
    assertThat(index.lastPts(2)).isEqualTo(1);
    assertThat(index.lastPts(3)).isZero();
    assertThat(index.entries()).isEqualTo(2);
    assertThat(index.accountedBytes()).isLessThan(bytesBefore);
    assertThat(index.append(3, 60)).isEqualTo(1);
    assertThat(index.append(1, 70)).isEqualTo(2);
  }

  @Test
  void aSnapshotRoundTrips() throws IOException {
    for (int round = 0; round < 5; round++) {
      for (long mailbox = 0; mailbox < 300; mailbox++) {
        index.append(mailbox - 150, positionOf(mailbox, round));
      }
    }
    index.truncateAfter(positionOf(299, 2));

    MailboxIndex restored = MailboxIndex.readFrom(read(write(index.snapshot())));

    assertSameEntries(restored, index, 300);
  }

  @Test
  void aSnapshotDoesNotChangeWithTheIndexAfterIt() throws IOException {
    index.append(1, 10);
    index.append(1, 20);
    index.append(2, 30);
    MailboxIndex.Snapshot snapshot = index.snapshot();
    MailboxIndex expected = MailboxIndex.readFrom(read(write(snapshot)));

    index.truncateAfter(10);
    index.append(1, 40);
    index.append(1, 50);
    index.append(3, 60);

    assertSameEntries(MailboxIndex.readFrom(read(write(snapshot))), expected, 4);
    assertThat(MailboxIndex.readFrom(read(write(snapshot))).position(1, 2)).isEqualTo(20);
  }

  @Test
  void refusesASnapshotWhoseCountsDisagree() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(1);
    out.writeLong(1);
    out.writeLong(42);
    out.writeInt(2);
    out.writeLong(10);
    out.writeLong(20);

    assertThatThrownBy(() -> MailboxIndex.readFrom(read(bytes.toByteArray())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("claims 2 entries");
  }

  private static long positionOf(long mailbox, int round) {
    return round * 10_000_000L + mailbox;
  }

  private static byte[] write(MailboxIndex.Snapshot snapshot) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    snapshot.writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static DataInputStream read(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  private static void assertSameEntries(MailboxIndex actual, MailboxIndex expected, int ids) {
    assertThat(actual.entries()).isEqualTo(expected.entries());
    assertThat(actual.mailboxes()).isEqualTo(expected.mailboxes());
    for (long mailbox = -ids; mailbox < ids; mailbox++) {
      assertThat(actual.lastPts(mailbox))
          .as("mailbox %d", mailbox)
          .isEqualTo(expected.lastPts(mailbox));
      for (int pts = 1; pts <= expected.lastPts(mailbox); pts++) {
        assertThat(actual.position(mailbox, pts)).isEqualTo(expected.position(mailbox, pts));
      }
    }
  }
}
