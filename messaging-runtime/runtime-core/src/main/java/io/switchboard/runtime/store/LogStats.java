package io.switchboard.runtime.store;

/**
 * Counters of one open log since it was opened. Each counter is exact; a snapshot taken while the
 * log runs may mix counters from before and after one commit.
 *
 * @param records records acknowledged
 * @param bytes bytes of those records on disk, headers included
 * @param fsyncs group commits forced to disk (one per batch; a batch that rolls to a new segment
 *     forces both segments and the directory, still counted once)
 * @param checkpoints checkpoints published
 */
public record LogStats(long records, long bytes, long fsyncs, long checkpoints) {

  /** Average batch size: acknowledged records per fsync, zero before the first fsync. */
  public double recordsPerFsync() {
    return fsyncs == 0 ? 0 : (double) records / fsyncs;
  }
}
