package io.switchboard.runtime.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes every write on unchanged, then tells the subclass how many bytes it passed: the hook of
 * the streams that act every so many bytes (pacing, forcing).
 */
abstract class WriteCountingStream extends FilterOutputStream {

  WriteCountingStream(OutputStream out) {
    super(out);
  }

  @Override
  public final void write(int b) throws IOException {
    out.write(b);
    written(1);
  }

  @Override
  public final void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
    written(length);
  }

  /** Called after each write with the bytes it passed on. */
  abstract void written(int bytes) throws IOException;
}
