package io.switchboard.runtime.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.switchboard.runtime.replication.node.ReplicationRecords;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fetches accepted commands back from the log by the positions the indexes hold: message bodies
 * live only there.
 */
final class CommandReader {

  private final DurableLog log;

  CommandReader(DurableLog log) {
    this.log = log;
  }

  /**
   * Whether the record at {@code position} is readable yet. The state applies a batch of records
   * just before the log publishes them, so an index can briefly name a record readers cannot see;
   * reads stop there, and the entry shows up in the next read.
   */
  boolean isReadable(long position) {
    return position < log.endPosition().offset();
  }

  /**
   * The command at {@code position}: that of a command record, or of the command an IMAGE_ITEM
   * record copies (an installed shard image names its copies like the originals).
   *
   * @throws UncheckedIOException when the log cannot be read there
   * @throws IllegalStateException when the record there is not a messaging command
   */
  Message commandAt(long position) {
    LogRecord record;
    try {
      record = log.read(new LogPosition(position));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log at " + position, e);
    }
    LogEntry entry = ReplicationRecords.unwrapped(record.entry());
    CommandKind kind =
        CommandKind.ofType(entry.type())
            .orElseThrow(() -> new IllegalStateException("no messaging record at " + position));
    try {
      return kind.parse(entry.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an indexed record does not decode at " + position, e);
    }
  }
}
