package io.switchboard.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk formats: the record layout and the files of {@link FileLogStorage}. */
class StorageFormatTest {

  @TempDir Path node;

  @Test
  void aRecordIsItsChecksumLengthTypeShardEpochAndPayload() {
    LogEntry entry = new LogEntry(0xAB, 0xFEDC, 77, new byte[] {1, 2, 3});
    ByteBuffer record = ByteBuffer.allocate(RecordFormat.sizeOf(3));

    RecordFormat.encode(entry, record);

    CRC32C crc = new CRC32C();
    crc.update(record.array(), 4, record.capacity() - 4);
    assertThat(record.getInt(0)).isEqualTo((int) crc.getValue());
    assertThat(record.getInt(4)).isEqualTo(3);
    assertThat(record.get(8)).isEqualTo((byte) 0xAB);
    assertThat(record.getShort(9)).isEqualTo((short) 0xFEDC);
    assertThat(record.getInt(11)).isEqualTo(77);
    assertThat(record.slice(15, 3)).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThat(RecordFormat.checksumMatches(record, 0, 3)).isTrue();
    assertThat(RecordFormat.decode(record, 0, 3)).isEqualTo(entry);
  }

  @Test
  void zerosAreNotAValidRecord() {
    ByteBuffer zeros = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);

    assertThat(RecordFormat.announcedPayloadBytes(zeros, 0)).isZero();
    assertThat(RecordFormat.checksumMatches(zeros, 0, 0)).isFalse();
  }

  @Test
  void segmentsAreNamedByTheirBasePositionAndListedInOrder() throws IOException {
    FileLogStorage storage = FileLogStorage.open(node);
    storage.createSegment(4096).close();
    storage.createSegment(0).close();
    storage.createSegment(123_456_789_012L).close();
    Files.writeString(storage.directory().resolve("notes.txt"), "not a segment");

    assertThat(storage.segmentBases()).containsExactly(0L, 4096L, 123_456_789_012L);
    assertThat(storage.segmentPath(4096).getFileName().toString())
        .isEqualTo("00000000000000004096.seg");
    assertThat(storage.directory()).isEqualTo(node.resolve("log"));
  }

  @Test
  void aCheckpointThatFailsHalfwayLeavesThePreviousOneInPlace() throws IOException {
    FileLogStorage storage = FileLogStorage.open(node);
    storage.replaceCheckpoint(out -> out.write(new byte[] {1, 2, 3}));

    assertThatThrownBy(
            () ->
                storage.replaceCheckpoint(
                    out -> {
                      out.write(new byte[] {9, 9});
                      throw new IOException("crashed while writing");
                    }))
        .hasMessage("crashed while writing");

    try (InputStream checkpoint = storage.openCheckpoint().orElseThrow()) {
      assertThat(checkpoint.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void entriesRejectFieldsTheRecordCannotHold() {
    assertThatThrownBy(() -> new LogEntry(256, 0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry(0, 65_536, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry(0, 0, -1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
