package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Real files, but every segment fsync first runs a hook the test sets: to hold the writer inside an
 * fsync until the test releases it, or to make the fsync fail.
 */
final class ControlledFsyncStorage implements LogStorage {

  /** Runs before each segment fsync, on the log's writer thread. */
  @FunctionalInterface
  interface ForceHook {
    void beforeForce() throws IOException;
  }

  private final LogStorage files;
  private volatile ForceHook hook = () -> {};

  ControlledFsyncStorage(LogStorage files) {
    this.files = files;
  }

  void beforeEveryForce(ForceHook hook) {
    this.hook = hook;
  }

  @Override
  public List<Long> segmentBases() throws IOException {
    return files.segmentBases();
  }

  @Override
  public SegmentFile openSegment(long basePosition) throws IOException {
    return new HookedSegment(files.openSegment(basePosition));
  }

  @Override
  public SegmentFile createSegment(long basePosition) throws IOException {
    return new HookedSegment(files.createSegment(basePosition));
  }

  @Override
  public void deleteSegment(long basePosition) throws IOException {
    files.deleteSegment(basePosition);
  }

  @Override
  public void syncDirectory() throws IOException {
    files.syncDirectory();
  }

  @Override
  public void replaceCheckpoint(CheckpointContent content) throws IOException {
    files.replaceCheckpoint(content);
  }

  @Override
  public Optional<InputStream> openCheckpoint() throws IOException {
    return files.openCheckpoint();
  }

  private final class HookedSegment implements SegmentFile {

    private final SegmentFile file;

    HookedSegment(SegmentFile file) {
      this.file = file;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public void append(ByteBuffer source) throws IOException {
      file.append(source);
    }

    @Override
    public int read(ByteBuffer target, long offset) throws IOException {
      return file.read(target, offset);
    }

    @Override
    public void force() throws IOException {
      hook.beforeForce();
      file.force();
    }

    @Override
    public void truncate(long size) throws IOException {
      file.truncate(size);
    }

    @Override
    public void trimToSize() throws IOException {
      file.trimToSize();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
