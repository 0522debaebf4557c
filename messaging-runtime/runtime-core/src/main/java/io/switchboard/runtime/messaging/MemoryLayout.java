package io.switchboard.runtime.messaging;

/**
 * Object and array sizes on a 64-bit HotSpot JVM with compressed class pointers and references (the
 * default below 32 GiB of heap), for the index accounting of {@link IndexFootprint}.
 */
final class MemoryLayout {

  /** Header of an object. */
  static final int OBJECT_HEADER_BYTES = 12;

  /** Header of an array: object header plus the length. */
  static final int ARRAY_HEADER_BYTES = 16;

  /** A compressed reference. */
  static final int REFERENCE_BYTES = 4;

  private MemoryLayout() {}

  static long longArray(int length) {
    return ARRAY_HEADER_BYTES + 8L * length;
  }

  static long intArray(int length) {
    return aligned(ARRAY_HEADER_BYTES + 4L * length);
  }

  /** An object with the given bytes of fields, rounded up to 8 as the JVM lays it out. */
  static long object(long fieldBytes) {
    return aligned(OBJECT_HEADER_BYTES + fieldBytes);
  }

  private static long aligned(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
