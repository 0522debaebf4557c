package io.switchboard.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link LogStorage} on a real file system, under {@code <node-directory>/log/}:
 *
 * <ul>
 *   <li>segments: {@code <base-position>.seg}, the base position as 20 zero-padded decimal digits
 *       so that names sort like positions;
 *   <li>checkpoint: {@code checkpoint}, replaced by writing {@code checkpoint.tmp}, forcing it,
 *       renaming it over {@code checkpoint} atomically and forcing the directory.
 * </ul>
 *
 * Files whose names match neither are ignored. Fsyncs are {@code FileChannel.force(false)} for
 * segments (data, not metadata other than the size) and {@code force(true)} on the directory.
 */
public final class FileLogStorage implements LogStorage {

  private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{20})\\.seg");
  private static final String CHECKPOINT = "checkpoint";
  private static final String CHECKPOINT_TEMP = "checkpoint.tmp";

  private final Path directory;

  private FileLogStorage(Path directory) {
    this.directory = directory;
  }

  /** The storage of the node whose data lives in {@code nodeDirectory}; creates its log folder. */
  public static FileLogStorage open(Path nodeDirectory) throws IOException {
    Path directory = nodeDirectory.resolve("log");
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      forceDirectory(nodeDirectory);
    }
    return new FileLogStorage(directory);
  }

  /** The folder holding the segments and the checkpoint. */
  public Path directory() {
    return directory;
  }

  /** The file of the segment starting at {@code basePosition}, whether or not it exists. */
  public Path segmentPath(long basePosition) {
    return directory.resolve(String.format("%020d.seg", basePosition));
  }

  /** The checkpoint file, whether or not it exists. */
  public Path checkpointPath() {
    return directory.resolve(CHECKPOINT);
  }

  @Override
  public List<Long> segmentBases() throws IOException {
    List<Long> bases = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          bases.add(Long.parseLong(name.group(1)));
        }
      }
    }
    bases.sort(null);
    return bases;
  }

  @Override
  public SegmentFile openSegment(long basePosition) throws IOException {
    return new ChannelSegmentFile(
        FileChannel.open(
            segmentPath(basePosition), StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  @Override
  public SegmentFile createSegment(long basePosition) throws IOException {
    return new ChannelSegmentFile(
        FileChannel.open(
            segmentPath(basePosition),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE));
  }

  @Override
  public void deleteSegment(long basePosition) throws IOException {
    Files.delete(segmentPath(basePosition));
  }

  @Override
  public void syncDirectory() throws IOException {
    forceDirectory(directory);
  }

  @Override
  public void replaceCheckpoint(CheckpointContent content) throws IOException {
    Path temp = directory.resolve(CHECKPOINT_TEMP);
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      OutputStream out = new IncrementallyForcedStream(channel);
      content.writeTo(out);
      out.flush();
      channel.force(true);
    }
    Files.move(
        temp,
        checkpointPath(),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(directory);
  }

  @Override
  public Optional<InputStream> openCheckpoint() throws IOException {
    try {
      return Optional.of(Files.newInputStream(checkpointPath()));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  private static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Writes to a file channel and forces it every {@link #FORCE_EVERY_BYTES}, so that a checkpoint
   * of hundreds of megabytes never waits in the page cache to be written in one burst by its final
   * force: the disk's queue holds at most that much of it ahead of the log's fsyncs.
   */
  private static final class IncrementallyForcedStream extends WriteCountingStream {

    static final int FORCE_EVERY_BYTES = 4 << 20;

    private final FileChannel channel;
    private long unforced;

    IncrementallyForcedStream(FileChannel channel) {
      super(Channels.newOutputStream(channel));
      this.channel = channel;
    }

    @Override
    void written(int bytes) throws IOException {
      unforced += bytes;
      if (unforced >= FORCE_EVERY_BYTES) {
        channel.force(false);
        unforced = 0;
      }
    }
  }

  /**
   * A segment backed by one {@code FileChannel}; see {@link SegmentFile} for the contract.
   *
   * <p>Appends go into space written with zeros ahead of them: when an append would pass the file's
   * end, the file is first extended with zeros by as much as it already holds (at least {@link
   * #MIN_WRITE_AHEAD_BYTES}, at most {@link #MAX_WRITE_AHEAD_BYTES}). An fsync of an append that
   * does not change the file's length writes only the data (one device write instead of data plus
   * inode on this kind of disk: about a third more fsyncs per second, each a third shorter,
   * docs/benchmarks.md). The zeros are never mistaken for records (a record's header is never all
   * zeros: its checksum covers its length, type, shard and epoch), and {@link LogRecovery} takes a
   * zero-filled end for the end of the log. {@link #size()} is the length appended, not the file's;
   * {@link #trimToSize()} gives the zeros back.
   *
   * <p>Invariant: {@code appendedEnd <= fileEnd}; the file holds zeros from {@code appendedEnd} to
   * {@code fileEnd}, except after a crash, when recovery truncates whatever follows the last intact
   * record.
   */
  private static final class ChannelSegmentFile implements SegmentFile {

    static final int MIN_WRITE_AHEAD_BYTES = 64 << 10;
    static final int MAX_WRITE_AHEAD_BYTES = 4 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(MIN_WRITE_AHEAD_BYTES);

    private final FileChannel channel;
    private long appendedEnd;
    private long fileEnd;

    /** An opened file counts as appended in full: recovery finds where its records end. */
    ChannelSegmentFile(FileChannel channel) throws IOException {
      this.channel = channel;
      this.fileEnd = channel.size();
      this.appendedEnd = fileEnd;
    }

    @Override
    public long size() {
      return appendedEnd;
    }

    @Override
    public void append(ByteBuffer source) throws IOException {
      int bytes = source.remaining();
      if (appendedEnd + bytes > fileEnd) {
        long writeAhead = Math.min(Math.max(fileEnd, MIN_WRITE_AHEAD_BYTES), MAX_WRITE_AHEAD_BYTES);
        writeZeros(appendedEnd + bytes + writeAhead);
      }
      long offset = appendedEnd;
      while (source.hasRemaining()) {
        offset += channel.write(source, offset);
      }
      appendedEnd = offset;
    }

    /** Extends the file with zeros up to {@code newEnd}. */
    private void writeZeros(long newEnd) throws IOException {
      long offset = fileEnd;
      while (offset < newEnd) {
        ByteBuffer zeros = ZEROS.duplicate();
        zeros.limit((int) Math.min(zeros.capacity(), newEnd - offset));
        while (zeros.hasRemaining()) {
          offset += channel.write(zeros, offset);
        }
      }
      fileEnd = newEnd;
    }

    @Override
    public int read(ByteBuffer target, long offset) throws IOException {
      return channel.read(target, offset);
    }

    @Override
    public void force() throws IOException {
      channel.force(false);
    }

    @Override
    public void truncate(long size) throws IOException {
      // Cuts the zeros written ahead too, so that only zeros can ever follow the appended bytes.
      appendedEnd = Math.min(appendedEnd, size);
      channel.truncate(appendedEnd);
      fileEnd = appendedEnd;
    }

    @Override
    public void trimToSize() throws IOException {
      if (fileEnd > appendedEnd) {
        channel.truncate(appendedEnd);
        channel.force(true);
        fileEnd = appendedEnd;
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
