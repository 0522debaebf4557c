package io.switchboard.runtime.messaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongUnaryOperator;

/**
 * One shard's state as a byte array of its own, as shard images carry it: exactly {@link
 * ShardState#writeTo}'s bytes, without a format version (the image that carries them has one).
 */
final class ShardStateBytes {

  private ShardStateBytes() {}

  static byte[] encode(ShardState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      state.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a shard state to memory", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote, every position {@code p} replaced by {@code
   * newPosition.applyAsLong(p)}; see {@link ShardState#readFrom(java.io.DataInput, int,
   * LongUnaryOperator)}. Whatever {@code newPosition} throws propagates unchanged.
   *
   * @throws IOException when the bytes are not exactly one valid shard state
   */
  static ShardState decode(byte[] bytes, int windowCapacity, LongUnaryOperator newPosition)
      throws IOException {
    LongUnaryOperator guarded =
        position -> {
          try {
            return newPosition.applyAsLong(position);
          } catch (RuntimeException e) {
            throw new MapperFailure(e);
          }
        };
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    ShardState state;
    try {
      state = ShardState.readFrom(in, windowCapacity, guarded);
    } catch (MapperFailure failure) {
      throw failure.mapperException();
    } catch (IllegalArgumentException invalid) {
      throw new IOException("invalid shard state", invalid);
    }
    if (in.available() > 0) {
      throw new IOException(in.available() + " bytes follow the state of shard " + state.shard());
    }
    return state;
  }

  /** Carries the mapper's own exception past the decoder's translation of invalid values. */
  private static final class MapperFailure extends RuntimeException {
    MapperFailure(RuntimeException cause) {
      super(null, cause, false, false);
    }

    RuntimeException mapperException() {
      return (RuntimeException) getCause();
    }
  }
}
