package io.switchboard.runtime.replication.node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's encoding of a {@link io.switchboard.runtime.replication.ShardImage}'s state,
 * big-endian:
 *
 * <pre>
 *   int   magic 0x5342494D ("SBIM")
 *   int   format version (1)
 *   int   item count n, then n x (long position, byte type, int epoch, int length, payload):
 *         the records the state names, ascending by their position on the producing node
 *   int   state length, then the messaging state ({@link CapturedShardState#stateBytes()})
 * </pre>
 *
 * @param items the records, ascending by position
 * @param state the messaging state, naming the items by their positions
 */
public record ShardImageState(List<Item> items, byte[] state) {

  private static final int MAGIC = 0x5342_494D;
  private static final int VERSION = 1;

  /** A record the state names, as it is in the producing node's log (an entry's type). */
  public record Item(long position, int type, int epoch, byte[] payload) {}

  public ShardImageState {
    items = List.copyOf(items);
    for (int i = 1; i < items.size(); i++) {
      if (items.get(i).position() <= items.get(i - 1).position()) {
        throw new IllegalArgumentException("image items must ascend by position");
      }
    }
  }

  /** The encoding. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + items.size() * 64 + 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(items.size());
      for (Item item : items) {
        out.writeLong(item.position());
        out.writeByte(item.type());
        out.writeInt(item.epoch());
        out.writeInt(item.payload().length);
        out.write(item.payload());
      }
      out.writeInt(state.length);
      out.write(state);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes an image state.
   *
   * @throws IOException when {@code encoded} is not one, is truncated or has trailing bytes
   */
  public static ShardImageState decode(byte[] encoded) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a shard image state of version " + VERSION);
      }
      int count = lengthOf(in.readInt(), encoded.length, "item count");
      List<Item> items = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long position = in.readLong();
        int type = in.readUnsignedByte();
        int epoch = in.readInt();
        byte[] payload = new byte[lengthOf(in.readInt(), encoded.length, "item length")];
        in.readFully(payload);
        if (!ReplicationRecords.isEntry(type)) {
          throw new IOException("image item of type " + type + " at " + position);
        }
        items.add(new Item(position, type, epoch, payload));
      }
      byte[] state = new byte[lengthOf(in.readInt(), encoded.length, "state length")];
      in.readFully(state);
      if (in.read() != -1) {
        throw new IOException("trailing bytes after a shard image state");
      }
      return new ShardImageState(items, state);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid shard image state", e);
    }
  }

  private static int lengthOf(int value, int bound, String what) throws IOException {
    if (value < 0 || value > bound) {
      throw new IOException("invalid " + what + " in a shard image state: " + value);
    }
    return value;
  }

  /** The items' positions, ascending. */
  public long[] positions() {
    return items.stream().mapToLong(Item::position).toArray();
  }
}
