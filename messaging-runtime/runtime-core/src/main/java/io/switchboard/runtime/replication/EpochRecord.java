package io.switchboard.runtime.replication;

/**
 * What a replica durably remembers about the epochs of one shard. Both values only grow.
 *
 * @param seen highest epoch this replica has seen: it follows no primary of a lower epoch and
 *     refuses answers from one (the fence); 0 before any
 * @param promoted highest epoch at which this replica was promoted; 0 if never. At most {@code
 *     seen}. It makes a promotion happen at most once per epoch on a replica, even when a
 *     duplicated promote command arrives after a restart that lost the first primary's unsynced
 *     entries (which followers may already hold)
 */
public record EpochRecord(long seen, long promoted) {

  /** A replica that has seen no epoch yet. */
  public static final EpochRecord INITIAL = new EpochRecord(0, 0);

  public EpochRecord {
    if (promoted < 0 || promoted > seen) {
      throw new IllegalArgumentException(
          "need 0 <= promoted <= seen, got promoted " + promoted + ", seen " + seen);
    }
  }

  /** This record with {@code epoch} seen; {@code epoch} must not be below {@link #seen}. */
  public EpochRecord withSeen(long epoch) {
    requireNotBelowSeen(epoch);
    return new EpochRecord(epoch, promoted);
  }

  /** This record with a promotion at {@code epoch}, which becomes the highest epoch seen. */
  EpochRecord withPromotion(long epoch) {
    requireNotBelowSeen(epoch);
    return new EpochRecord(epoch, epoch);
  }

  private void requireNotBelowSeen(long epoch) {
    if (epoch < seen) {
      throw new IllegalArgumentException("epoch " + epoch + " is below the seen epoch " + seen);
    }
  }
}
