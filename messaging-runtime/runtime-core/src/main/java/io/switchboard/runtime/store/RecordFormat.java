package io.switchboard.runtime.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of one record, all integers big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  CRC32C of bytes 4 .. end of record
 *      4     4  payload length N (signed; valid records have 0 &lt;= N)
 *      8     1  type (unsigned)
 *      9     2  shard id (unsigned)
 *     11     4  epoch
 *     15     N  payload
 * </pre>
 *
 * <p>The checksum covers the length, so a torn or flipped length is detected like a flipped payload
 * byte; a zero-filled region does not pass (the CRC32C of 11 zero bytes is not zero). Pure and
 * stateless.
 */
final class RecordFormat {

  /** Bytes in front of every payload. */
  static final int HEADER_BYTES = 15;

  private static final int CHECKSUMMED_FROM = 4;
  private static final int LENGTH_OFFSET = 4;
  private static final int TYPE_OFFSET = 8;
  private static final int SHARD_OFFSET = 9;
  private static final int EPOCH_OFFSET = 11;

  private RecordFormat() {}

  /** Size on disk of a record carrying {@code payloadBytes} bytes. */
  static int sizeOf(int payloadBytes) {
    return HEADER_BYTES + payloadBytes;
  }

  /**
   * Writes {@code entry} as one record at the target's position and advances the position past it.
   * The target must have {@link #sizeOf} bytes remaining.
   */
  static void encode(LogEntry entry, ByteBuffer target) {
    int start = target.position();
    byte[] payload = entry.payload();
    target
        .putInt(0)
        .putInt(payload.length)
        .put((byte) entry.type())
        .putShort((short) entry.shardId())
        .putInt(entry.epoch())
        .put(payload);
    target.putInt(start, checksum(target, start, payload.length));
  }

  /**
   * The payload length the header at {@code start} announces. Untrusted until {@link
   * #checksumMatches} confirms it: in a torn or corrupt record it can be any value.
   */
  static int announcedPayloadBytes(ByteBuffer buffer, int start) {
    return buffer.getInt(start + LENGTH_OFFSET);
  }

  /**
   * Whether the stored checksum of the record at {@code start} matches its content; the buffer must
   * hold the whole record.
   */
  static boolean checksumMatches(ByteBuffer buffer, int start, int payloadBytes) {
    return buffer.getInt(start) == checksum(buffer, start, payloadBytes);
  }

  /** The entry of the record at {@code start}; call only after {@link #checksumMatches}. */
  static LogEntry decode(ByteBuffer buffer, int start, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    buffer.get(start + HEADER_BYTES, payload);
    return new LogEntry(
        Byte.toUnsignedInt(buffer.get(start + TYPE_OFFSET)),
        Short.toUnsignedInt(buffer.getShort(start + SHARD_OFFSET)),
        buffer.getInt(start + EPOCH_OFFSET),
        payload);
  }

  private static int checksum(ByteBuffer buffer, int start, int payloadBytes) {
    CRC32C crc = new CRC32C();
    crc.update(buffer.slice(start + CHECKSUMMED_FROM, sizeOf(payloadBytes) - CHECKSUMMED_FROM));
    return (int) crc.getValue();
  }
}
