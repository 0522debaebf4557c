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
      OutputStream out = Channels.newOutputStream(channel);
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

  /** A segment backed by one {@code FileChannel}; see {@link SegmentFile} for the contract. */
  private static final class ChannelSegmentFile implements SegmentFile {

    private final FileChannel channel;

    ChannelSegmentFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public void append(ByteBuffer source) throws IOException {
      long offset = channel.size();
      while (source.hasRemaining()) {
        offset += channel.write(source, offset);
      }
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
      channel.truncate(size);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
