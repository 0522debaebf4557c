package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Builds a node's shard images from what {@link ReplicatedShards#captureImage} captured. */
final class ShardImages {

  private ShardImages() {}

  /**
   * The image of {@code capture} as the primary of {@code epoch}: its replication facts, and as
   * state the {@link ShardImageState} of the captured messaging state with every record it names
   * read back from {@code log} (records that are themselves image items are copied as the entries
   * they hold).
   *
   * @throws UncheckedIOException when a named record cannot be read
   */
  static ShardImage of(ReplicatedShards.ImageCapture capture, long epoch, DurableLog log) {
    long[] positions = capture.state().positions();
    List<ShardImageState.Item> items = new ArrayList<>(positions.length);
    for (long position : positions) {
      LogEntry entry;
      try {
        entry = ReplicationRecords.unwrapped(log.read(new LogPosition(position)).entry());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the record at " + position, e);
      }
      items.add(new ShardImageState.Item(position, entry.type(), entry.epoch(), entry.payload()));
    }
    return new ShardImage(
        capture.shard(),
        epoch,
        capture.seq(),
        capture.epochs(),
        capture.firstSeqs(),
        new ShardImageState(items, capture.state().stateBytes()).encode());
  }
}
