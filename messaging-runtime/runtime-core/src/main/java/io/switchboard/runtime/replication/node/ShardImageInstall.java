package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochHistory;
import io.switchboard.runtime.store.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of an IMAGE_INSTALL record ({@link ReplicationRecords}), big-endian:
 *
 * <pre>
 *   long  seq: the last entry the image covers
 *   int   epoch count n, then n x (long epoch, long first seq): the image's epoch history
 *   int   state length: bytes of the IMAGE_PART records since the shard's previous install
 *   int   CRC32C of those bytes
 * </pre>
 *
 * Applying it checks the parts against the length and checksum: parts from another, interrupted
 * install never mix into this one.
 */
record ShardImageInstall(long seq, long[] epochs, long[] firstSeqs, int stateLength, int crc) {

  /** The image's epoch history. */
  EpochHistory history() {
    return EpochHistory.of(epochs, firstSeqs, seq);
  }

  LogEntry toRecord(int shard) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(24 + epochs.length * 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(seq);
      out.writeInt(epochs.length);
      for (int i = 0; i < epochs.length; i++) {
        out.writeLong(epochs[i]);
        out.writeLong(firstSeqs[i]);
      }
      out.writeInt(stateLength);
      out.writeInt(crc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LogEntry(ReplicationRecords.IMAGE_INSTALL, shard, 0, bytes.toByteArray());
  }

  /**
   * Decodes an IMAGE_INSTALL record's payload.
   *
   * @throws IllegalStateException when it is malformed
   */
  static ShardImageInstall of(LogEntry record) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record.payload()))) {
      long seq = in.readLong();
      int count = in.readInt();
      if (seq < 0 || count < 0 || count > record.payload().length / 16) {
        throw new IOException("seq " + seq + ", " + count + " epochs");
      }
      long[] epochs = new long[count];
      long[] firstSeqs = new long[count];
      for (int i = 0; i < count; i++) {
        epochs[i] = in.readLong();
        firstSeqs[i] = in.readLong();
      }
      ShardImageInstall install =
          new ShardImageInstall(seq, epochs, firstSeqs, in.readInt(), in.readInt());
      install.history();
      return install;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "malformed IMAGE_INSTALL record of shard " + record.shardId(), e);
    }
  }
}
