package io.switchboard.runtime.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The layout of a checkpoint, big-endian:
 *
 * <pre>
 *   int   magic 0x53424350 ("SBCP")
 *   int   format version (1)
 *   long  covered: the log position the state was captured at (records before it are applied)
 *   ...   the state machine's snapshot
 *   int   CRC32C of every byte before it
 * </pre>
 *
 * Reading is two passes: {@link #checksumMatches} streams the whole file once, so that the state
 * machine never parses a damaged snapshot; then {@link #readCovered} and the state machine read it.
 */
final class CheckpointFormat {

  private static final int MAGIC = 0x53424350;
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 16;
  private static final int CHECKSUM_BYTES = 4;
  private static final int STREAM_BUFFER_BYTES = 1 << 16;

  private CheckpointFormat() {}

  /** Writes a whole checkpoint of {@code snapshot} captured at {@code covered}. */
  static void write(OutputStream out, LogPosition covered, LogStateMachine.Snapshot snapshot)
      throws IOException {
    CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32C());
    DataOutputStream data =
        new DataOutputStream(new BufferedOutputStream(checked, STREAM_BUFFER_BYTES));
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeLong(covered.offset());
    snapshot.writeTo(data);
    data.flush();
    out.write(
        ByteBuffer.allocate(CHECKSUM_BYTES).putInt((int) checked.getChecksum().getValue()).array());
  }

  /** Whether the stream is a complete checkpoint whose trailing checksum matches; reads it all. */
  static boolean checksumMatches(InputStream in) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] chunk = new byte[STREAM_BUFFER_BYTES + CHECKSUM_BYTES];
    int held = 0;
    long total = 0;
    int read;
    while ((read = in.read(chunk, held, chunk.length - held)) > 0) {
      held += read;
      total += read;
      if (held > CHECKSUM_BYTES) {
        crc.update(chunk, 0, held - CHECKSUM_BYTES);
        System.arraycopy(chunk, held - CHECKSUM_BYTES, chunk, 0, CHECKSUM_BYTES);
        held = CHECKSUM_BYTES;
      }
    }
    return total >= HEADER_BYTES + CHECKSUM_BYTES
        && ByteBuffer.wrap(chunk, 0, CHECKSUM_BYTES).getInt() == (int) crc.getValue();
  }

  /** Opens a checkpoint for its second pass; read {@link #readCovered} first. */
  static DataInputStream reader(InputStream in) {
    return new DataInputStream(new BufferedInputStream(in, STREAM_BUFFER_BYTES));
  }

  /**
   * Reads the header and returns the covered position; the state machine's snapshot follows.
   *
   * @throws IOException when the magic number or the version is not this format's
   */
  static LogPosition readCovered(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a checkpoint: magic " + Integer.toHexString(magic));
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported checkpoint version " + version);
    }
    long covered = in.readLong();
    if (covered < 0) {
      throw new IOException("negative covered position " + covered);
    }
    return new LogPosition(covered);
  }
}
