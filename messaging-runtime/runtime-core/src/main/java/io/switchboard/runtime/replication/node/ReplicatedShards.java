package io.switchboard.runtime.replication.node;

import io.switchboard.runtime.replication.EpochHistory;
import io.switchboard.runtime.replication.EpochRecord;
import io.switchboard.runtime.replication.ShardEntry;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogEntry;
import io.switchboard.runtime.store.LogPosition;
import io.switchboard.runtime.store.LogRecord;
import io.switchboard.runtime.store.LogStateMachine;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The node log's state machine once shards are replicated (ADR 0008, step 2): it follows every
 * shard's replicated log in the node log ({@link ReplicationRecords}) and applies entries to the
 * {@link CommittedStateMachine} only when a COMMIT record covers them.
 *
 * <p>Per shard it keeps the position of every live entry by seq ({@link SeqPositions}: about 4
 * bytes per entry), the {@link EpochHistory}, the last seq, the recorded commit seq, the {@link
 * EpochRecord}, and the records of the entries not committed yet (only those: committed ones are
 * read back from the log by position).
 *
 * <ul>
 *   <li>Entry record: appended as the shard's next seq, uncommitted; nothing is applied.
 *   <li>COMMIT(seq): the uncommitted entries up to {@code seq} are applied, in seq order, with
 *       their original records (positions unchanged, so indexes built by the committed state point
 *       at the entry records); {@link ShardEntry#EPOCH_START} entries are not passed on. A COMMIT
 *       at or below the commit seq changes nothing; one beyond the last seq is a broken log.
 *   <li>TRUNCATE(afterSeq): the entries after {@code afterSeq} are forgotten; they were never
 *       applied. A truncation below the commit seq is a broken log ({@link IllegalStateException}):
 *       committed entries are never truncated.
 *   <li>EPOCH_RECORD: replaces the shard's epoch record.
 *   <li>IMAGE_ITEM: nothing (a body the next installed state names). IMAGE_PART: kept with the
 *       shard until its IMAGE_INSTALL. IMAGE_INSTALL (ADR 0008, step 4): the shard's log restarts
 *       after the image's seq (entries up to it committed, epochs from the image's history, no
 *       positions held for them) and the committed state of the shard becomes the parts' bytes,
 *       which must match the install's length and checksum.
 *   <li>Any other record goes to the committed state as it is (messaging ignores unknown types).
 * </ul>
 *
 * <p>Checkpoint format ({@link #SNAPSHOT_FORMAT}): the version, the number of shards, then per
 * shard in ascending order: shard, last seq, commit seq, image seq, epoch record (seen, promoted),
 * the epoch history (count, then epoch and first seq per epoch), the positions of entries image seq
 * + 1 to last seq, the uncommitted entries' records (position, type, epoch, payload length,
 * payload), the pending image parts (count, then length and bytes each); then the committed state's
 * snapshot. A snapshot shares the positions of committed entries (never rewritten: only uncommitted
 * entries are truncated) and copies the rest.
 *
 * <p>{@link #truncateAfter} (a cut of the whole node log, which production never does: shards cut
 * their own logs with TRUNCATE records) rebuilds everything by a replay of the kept log from its
 * start, which needs {@link #serve}. The {@link NodeReplicas} of a running service keep their view
 * of the shards' logs: after such a cut the node must be reopened before it serves again. The
 * committed state is rebuilt from the committed entries in log order rather than commit order:
 * equal for a committed state whose shards are independent, as messaging's are.
 *
 * <p>Thread-safety: the log's writer thread applies, snapshots and truncates; other threads read a
 * shard's replication state under that shard's monitor, which is held only for memory operations.
 */
public final class ReplicatedShards implements LogStateMachine {

  /**
   * Version of the checkpoint format; distinct from the messaging state's own format numbers, so
   * that either state machine refuses the other's checkpoint (and the log replays from its start)
   * instead of misreading it.
   */
  static final int SNAPSHOT_FORMAT = 0x5250_0002;

  private final CommittedStateMachine committed;
  private volatile Map<Integer, Track> tracks = new ConcurrentHashMap<>();
  private volatile DurableLog servedLog;

  public ReplicatedShards(CommittedStateMachine committed) {
    this.committed = committed;
  }

  /** The state committed entries are applied to. */
  public CommittedStateMachine committedState() {
    return committed;
  }

  /** Called once the log is open: {@link #truncateAfter} then rebuilds from {@code log}. */
  public void serve(DurableLog log) {
    servedLog = log;
  }

  @Override
  public void apply(LogRecord record) {
    applyTo(tracks, record, committed::apply, committed::installShard);
  }

  /** Where an installed image's committed state goes. */
  private interface ImageSink {
    void install(int shard, byte[] state);
  }

  private static void applyTo(
      Map<Integer, Track> tracks,
      LogRecord record,
      Consumer<LogRecord> committedSink,
      ImageSink imageSink) {
    LogEntry entry = record.entry();
    int type = entry.type();
    if (ReplicationRecords.isEntry(type)) {
      tracks.computeIfAbsent(entry.shardId(), Track::new).append(record);
      return;
    }
    switch (type) {
      case ReplicationRecords.COMMIT -> {
        List<LogRecord> toApply = track(tracks, entry).commit(ReplicationRecords.longAt(entry, 0));
        for (LogRecord applied : toApply) {
          if (applied.entry().type() != ShardEntry.EPOCH_START) {
            committedSink.accept(applied);
          }
        }
      }
      case ReplicationRecords.TRUNCATE ->
          track(tracks, entry).truncateAfter(ReplicationRecords.longAt(entry, 0));
      case ReplicationRecords.EPOCH_RECORD ->
          track(tracks, entry)
              .storeEpochRecord(
                  new EpochRecord(
                      ReplicationRecords.longAt(entry, 0), ReplicationRecords.longAt(entry, 1)));
      case ReplicationRecords.IMAGE_ITEM -> {}
      case ReplicationRecords.IMAGE_PART -> track(tracks, entry).addImagePart(entry.payload());
      case ReplicationRecords.IMAGE_INSTALL ->
          imageSink.install(
              entry.shardId(), track(tracks, entry).installImage(ShardImageInstall.of(entry)));
      default -> committedSink.accept(record);
    }
  }

  private static Track track(Map<Integer, Track> tracks, LogEntry entry) {
    return tracks.computeIfAbsent(entry.shardId(), Track::new);
  }

  /**
   * Rebuilds the replication state and the committed state of the records up to {@code lastKept} by
   * a replay of the log from its start; see the class comment.
   */
  @Override
  public void truncateAfter(LogPosition lastKept) {
    DurableLog log = servedLog;
    if (log == null) {
      throw new IllegalStateException("replicated shards rebuild from their log once served");
    }
    Map<Integer, Track> rebuilt = new ConcurrentHashMap<>();
    List<Long> appliedList = new ArrayList<>();
    Iterator<LogRecord> records = log.readFrom(log.startPosition());
    while (records.hasNext()) {
      LogRecord record = records.next();
      if (record.position().compareTo(lastKept) > 0) {
        break;
      }
      applyTo(
          rebuilt,
          record,
          kept -> appliedList.add(kept.position().offset()),
          (shard, state) -> {
            throw new UnsupportedOperationException(
                "shard " + shard + " installed an image: the whole node log cannot be cut");
          });
    }
    long[] applied = appliedList.stream().mapToLong(Long::longValue).sorted().toArray();
    committed.rebuild(new Filtered(log.readFrom(log.startPosition()), applied, applied.length));
    tracks = rebuilt;
  }

  /** The records of the log at the given ascending positions. */
  private static final class Filtered implements Iterator<LogRecord> {
    private final Iterator<LogRecord> records;
    private final long[] positions;
    private final int count;
    private int next;

    Filtered(Iterator<LogRecord> records, long[] positions, int count) {
      this.records = records;
      this.positions = positions;
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public LogRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      while (true) {
        LogRecord record = records.next();
        if (record.position().offset() == positions[next]) {
          next++;
          return record;
        }
      }
    }
  }

  @Override
  public Snapshot snapshot() {
    List<Track.Captured> captured = new ArrayList<>();
    for (Track track : new TreeMap<>(tracks).values()) {
      captured.add(track.capture());
    }
    Snapshot committedSnapshot = committed.snapshot();
    return out -> {
      out.writeInt(SNAPSHOT_FORMAT);
      out.writeInt(captured.size());
      for (Track.Captured track : captured) {
        track.writeTo(out);
      }
      committedSnapshot.writeTo(out);
    };
  }

  @Override
  public void restore(DataInput in) throws IOException {
    int format = in.readInt();
    if (format != SNAPSHOT_FORMAT) {
      throw new IOException("unknown replication checkpoint format " + format);
    }
    int count = in.readInt();
    if (count < 0 || count > LogEntry.MAX_SHARD_ID + 1) {
      throw new IOException("invalid shard count in a checkpoint: " + count);
    }
    Map<Integer, Track> restored = new ConcurrentHashMap<>();
    for (int i = 0; i < count; i++) {
      Track track = Track.readFrom(in);
      if (restored.put(track.shard, track) != null) {
        throw new IOException("shard " + track.shard + " appears twice in a checkpoint");
      }
    }
    committed.restore(in);
    tracks = restored;
  }

  /** The shards with any replication state (entries or an epoch record), ascending. */
  public List<Integer> shards() {
    return new ArrayList<>(new TreeMap<>(tracks).keySet());
  }

  /** Seq of the shard's last entry in the log, 0 if none. */
  public long lastSeq(int shard) {
    Track track = tracks.get(shard);
    return track == null ? 0 : track.lastSeq();
  }

  /** The last seq the shard's installed image covers, 0 if none. */
  public long imageSeq(int shard) {
    Track track = tracks.get(shard);
    return track == null ? 0 : track.imageSeq();
  }

  /**
   * Captures what an image of the shard needs, consistently, on the log's writer thread: the commit
   * seq, the epoch history up to it and the committed state (which then holds exactly the entries
   * up to it). Fails when the log does not run.
   */
  public CompletableFuture<ImageCapture> captureImage(int shard) {
    DurableLog log = servedLog;
    if (log == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("replicated shards capture images once served"));
    }
    return log.inspect(
        () -> {
          Track track = tracks.get(shard);
          if (track == null) {
            return new ImageCapture(
                shard, 0, new long[0], new long[0], committed.captureShard(shard));
          }
          return track.capture(committed.captureShard(shard));
        });
  }

  /**
   * What {@link #captureImage} took: the image's replication facts and the shard's committed state.
   */
  public record ImageCapture(
      int shard, long seq, long[] epochs, long[] firstSeqs, CapturedShardState state) {}

  /** The shard's commit seq as recorded by the last COMMIT applied, 0 if none. */
  public long commitSeq(int shard) {
    Track track = tracks.get(shard);
    return track == null ? 0 : track.commitSeq();
  }

  /** The shard's last applied epoch record. */
  public EpochRecord epochRecord(int shard) {
    Track track = tracks.get(shard);
    return track == null ? EpochRecord.INITIAL : track.epochRecord();
  }

  /** Epoch of the shard's entry {@code seq}, 1 &lt;= seq &lt;= {@link #lastSeq}. */
  public long epochOf(int shard, long seq) {
    return requireTrack(shard).epochOf(seq);
  }

  /** Position of the shard's entry {@code seq}, 1 &lt;= seq &lt;= {@link #lastSeq}. */
  public LogPosition positionOf(int shard, long seq) {
    return new LogPosition(requireTrack(shard).positionOf(seq));
  }

  /** Entries applied to the log but not committed, over every shard. */
  public long uncommittedEntries() {
    long pending = 0;
    for (Track track : tracks.values()) {
      pending += track.uncommitted();
    }
    return pending;
  }

  /** Bytes of the seq-to-position arrays, every shard together (array lengths, 8 bytes each). */
  public long indexBytes() {
    long bytes = 0;
    for (Track track : tracks.values()) {
      bytes += track.indexBytes();
    }
    return bytes;
  }

  private Track requireTrack(int shard) {
    Track track = tracks.get(shard);
    if (track == null) {
      throw new IllegalArgumentException("shard " + shard + " has no entries");
    }
    return track;
  }

  /** One shard's replicated log as seen in the node log. Guarded by its own monitor. */
  private static final class Track {
    final int shard;
    private SeqPositions positions = new SeqPositions();
    private long imageSeq;
    private long lastSeq;
    private long commitSeq;
    private final List<byte[]> imageParts = new ArrayList<>();
    private EpochHistory history = EpochHistory.empty();
    private EpochRecord epochRecord = EpochRecord.INITIAL;
    private final ArrayDeque<LogRecord> uncommitted = new ArrayDeque<>();

    Track(int shard) {
      this.shard = shard;
    }

    synchronized void append(LogRecord record) {
      long seq = lastSeq + 1;
      if (seq > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("shard " + shard + " has too many entries");
      }
      history.append(seq, record.entry().epoch());
      positions.append(record.position().offset());
      lastSeq = seq;
      uncommitted.addLast(record);
    }

    /** Records the commit seq and returns the entries it commits, in seq order. */
    synchronized List<LogRecord> commit(long seq) {
      if (seq > lastSeq) {
        throw new IllegalStateException(
            "shard " + shard + ": COMMIT " + seq + " beyond its last entry " + lastSeq);
      }
      if (seq <= commitSeq) {
        return List.of();
      }
      List<LogRecord> newlyCommitted = new ArrayList<>((int) (seq - commitSeq));
      for (long next = commitSeq + 1; next <= seq; next++) {
        newlyCommitted.add(uncommitted.pollFirst());
      }
      commitSeq = seq;
      return newlyCommitted;
    }

    synchronized void truncateAfter(long afterSeq) {
      if (afterSeq < commitSeq) {
        throw new IllegalStateException(
            "shard "
                + shard
                + ": TRUNCATE after "
                + afterSeq
                + " would remove committed entries (commit seq "
                + commitSeq
                + ")");
      }
      if (afterSeq >= lastSeq) {
        return;
      }
      for (long seq = lastSeq; seq > afterSeq; seq--) {
        uncommitted.pollLast();
      }
      history.truncateAfter(afterSeq);
      positions.truncateAfter(afterSeq - imageSeq);
      lastSeq = afterSeq;
    }

    synchronized void storeEpochRecord(EpochRecord record) {
      epochRecord = record;
    }

    synchronized void addImagePart(byte[] part) {
      imageParts.add(part);
    }

    /**
     * Restarts the shard's log after the image's seq and returns the image's committed state, the
     * parts since the previous install.
     *
     * @throws IllegalStateException when the parts do not match the install's length and checksum
     */
    synchronized byte[] installImage(ShardImageInstall install) {
      byte[] state = joinedParts();
      CRC32C crc = new CRC32C();
      crc.update(state);
      if (state.length != install.stateLength() || (int) crc.getValue() != install.crc()) {
        throw new IllegalStateException(
            "shard "
                + shard
                + ": the image parts ("
                + state.length
                + " bytes) do not match their IMAGE_INSTALL ("
                + install.stateLength()
                + " bytes)");
      }
      imageParts.clear();
      positions = new SeqPositions();
      uncommitted.clear();
      history = install.history();
      imageSeq = install.seq();
      lastSeq = install.seq();
      commitSeq = install.seq();
      return state;
    }

    private byte[] joinedParts() {
      int length = 0;
      for (byte[] part : imageParts) {
        length += part.length;
      }
      byte[] joined = new byte[length];
      int at = 0;
      for (byte[] part : imageParts) {
        System.arraycopy(part, 0, joined, at, part.length);
        at += part.length;
      }
      return joined;
    }

    synchronized long imageSeq() {
      return imageSeq;
    }

    /** The image facts at the commit seq, with the shard's committed state captured with them. */
    synchronized ImageCapture capture(CapturedShardState state) {
      return new ImageCapture(
          shard, commitSeq, history.epochsUpTo(commitSeq), history.firstSeqsUpTo(commitSeq), state);
    }

    synchronized long lastSeq() {
      return lastSeq;
    }

    synchronized long commitSeq() {
      return commitSeq;
    }

    synchronized EpochRecord epochRecord() {
      return epochRecord;
    }

    synchronized long epochOf(long seq) {
      requireSeq(seq);
      return history.epochOf(seq);
    }

    synchronized long positionOf(long seq) {
      requireSeq(seq);
      if (seq <= imageSeq) {
        throw new IllegalArgumentException(
            "shard "
                + shard
                + ": entry "
                + seq
                + " is covered by an image (up to "
                + imageSeq
                + ")");
      }
      return positions.positionOf(seq - imageSeq);
    }

    synchronized long uncommitted() {
      return uncommitted.size();
    }

    synchronized long indexBytes() {
      return positions.bytes();
    }

    private void requireSeq(long seq) {
      if (seq < 1 || seq > lastSeq) {
        throw new IllegalArgumentException(
            "shard " + shard + " has no entry " + seq + " (last " + lastSeq + ")");
      }
    }

    /** What a snapshot writes, immune to later changes. */
    record Captured(
        int shard,
        long lastSeq,
        long commitSeq,
        long imageSeq,
        EpochRecord epochRecord,
        EpochHistory history,
        SeqPositions.Frozen positions,
        List<LogRecord> uncommitted,
        List<byte[]> imageParts) {

      void writeTo(DataOutput out) throws IOException {
        out.writeInt(shard);
        out.writeLong(lastSeq);
        out.writeLong(commitSeq);
        out.writeLong(imageSeq);
        out.writeLong(epochRecord.seen());
        out.writeLong(epochRecord.promoted());
        out.writeInt(history.epochCount());
        for (int i = 0; i < history.epochCount(); i++) {
          out.writeLong(history.epochAt(i));
          out.writeLong(history.firstSeqAt(i));
        }
        for (long seq = 1; seq <= positions.size(); seq++) {
          out.writeLong(positions.positionOf(seq));
        }
        for (LogRecord record : uncommitted) {
          out.writeLong(record.position().offset());
          out.writeByte(record.entry().type());
          out.writeInt(record.entry().epoch());
          out.writeInt(record.entry().payload().length);
          out.write(record.entry().payload());
        }
        out.writeInt(imageParts.size());
        for (byte[] part : imageParts) {
          out.writeInt(part.length);
          out.write(part);
        }
      }
    }

    synchronized Captured capture() {
      return new Captured(
          shard,
          lastSeq,
          commitSeq,
          imageSeq,
          epochRecord,
          history.copy(),
          positions.freeze(commitSeq - imageSeq),
          List.copyOf(uncommitted),
          List.copyOf(imageParts));
    }

    static Track readFrom(DataInput in) throws IOException {
      int shard = in.readInt();
      if (shard < 0 || shard > LogEntry.MAX_SHARD_ID) {
        throw new IOException("invalid shard in a checkpoint: " + shard);
      }
      Track track = new Track(shard);
      long lastSeq = in.readLong();
      long commitSeq = in.readLong();
      long imageSeq = in.readLong();
      if (lastSeq < 0
          || lastSeq > Integer.MAX_VALUE - 8
          || commitSeq < 0
          || commitSeq > lastSeq
          || imageSeq < 0
          || imageSeq > commitSeq) {
        throw new IOException(
            "invalid seqs in a checkpoint: " + imageSeq + "/" + commitSeq + "/" + lastSeq);
      }
      try {
        track.epochRecord = new EpochRecord(in.readLong(), in.readLong());
        int epochs = in.readInt();
        if (epochs < 0 || epochs > lastSeq) {
          throw new IOException("invalid epoch count in a checkpoint: " + epochs);
        }
        long[] epochValues = new long[epochs];
        long[] firstSeqs = new long[epochs];
        for (int i = 0; i < epochs; i++) {
          epochValues[i] = in.readLong();
          firstSeqs[i] = in.readLong();
        }
        track.history = EpochHistory.of(epochValues, firstSeqs, lastSeq);
      } catch (IllegalArgumentException invalid) {
        throw new IOException("invalid replication state in a checkpoint", invalid);
      }
      long previous = -1;
      for (long i = imageSeq; i < lastSeq; i++) {
        long position = in.readLong();
        if (position <= previous) {
          throw new IOException("entry positions do not grow in a checkpoint");
        }
        track.positions.append(position);
        previous = position;
      }
      for (long seq = commitSeq + 1; seq <= lastSeq; seq++) {
        long position = in.readLong();
        int type = in.readUnsignedByte();
        int epoch = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) {
          throw new IOException("invalid payload length in a checkpoint: " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        try {
          track.uncommitted.addLast(
              new LogRecord(new LogPosition(position), new LogEntry(type, shard, epoch, payload)));
        } catch (IllegalArgumentException invalid) {
          throw new IOException("invalid uncommitted entry in a checkpoint", invalid);
        }
      }
      int parts = in.readInt();
      if (parts < 0 || parts > 1 << 16) {
        throw new IOException("invalid image part count in a checkpoint: " + parts);
      }
      for (int i = 0; i < parts; i++) {
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) {
          throw new IOException("invalid image part length in a checkpoint: " + length);
        }
        byte[] part = new byte[length];
        in.readFully(part);
        track.imageParts.add(part);
      }
      track.imageSeq = imageSeq;
      track.lastSeq = lastSeq;
      track.commitSeq = commitSeq;
      return track;
    }
  }
}
