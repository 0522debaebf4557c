package io.switchboard.cli.testing;

import io.switchboard.api.dcfailover.DcFailoverReportView;
import io.switchboard.api.dcfailover.DcFailoverReportView.ShardRisk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DC failover reports built from the API records, as the control plane records them: the 256 shards
 * homed in a data centre, shard {@code first + i} led by {@code <dc>-(1 + i % 3)} and promoted on
 * {@code <other>-(1 + i % 3)} at epoch {@value #EPOCH}, its lag {@code (i % 16) * 10} records
 * ({@code lag / 100} seconds) sampled {@code 1 + i % 4} seconds before the failover started,
 * except:
 *
 * <ul>
 *   <li>shard {@code first + }{@value #HOT}: {@value #HOT_LAG} records behind;
 *   <li>shard {@code first + }{@value #UNSAMPLED}: never sampled;
 *   <li>shards {@code first + }{@value #NOT_PROMOTED_A} and {@code first + }{@value
 *       #NOT_PROMOTED_B}: not promoted, {@code <other>-(1 + i % 3) did not answer the promotion}.
 * </ul>
 *
 * So {@value #PROMOTED} of {@value #SHARDS} shards are promoted with {@value #AT_RISK} records at
 * risk; the ten worst by lag are {@code first + 17}, then the first nine with 150 records ({@code
 * first + 15, 31, ..., 143}).
 */
public final class DcFailoverReports {

  public static final int SHARDS = 256;
  public static final int PROMOTED = 254;
  public static final long AT_RISK = 23310;
  public static final long EPOCH = 7;
  public static final int HOT = 17;
  public static final long HOT_LAG = 4200;
  public static final int UNSAMPLED = 200;
  public static final int NOT_PROMOTED_A = 201;
  public static final int NOT_PROMOTED_B = 202;

  private DcFailoverReports() {}

  /**
   * The report of DC failover {@code id} of {@code dc} (whose shards start at {@code first}) to
   * {@code other}, started at {@code started}, by {@code trigger}.
   */
  public static DcFailoverReportView report(
      String id, String dc, int first, String other, String trigger, Instant started) {
    List<ShardRisk> shards = new ArrayList<>();
    for (int index = 0; index < SHARDS; index++) {
      String lost = dc + "-" + (1 + index % 3);
      String replica = other + "-" + (1 + index % 3);
      Long lag = null;
      if (index == HOT) {
        lag = HOT_LAG;
      } else if (index != UNSAMPLED) {
        lag = (long) (index % 16) * 10;
      }
      Double seconds = lag == null ? null : lag / 100.0;
      Instant sampledAt = lag == null ? null : started.minusSeconds(1 + index % 4);
      boolean promoted = index != NOT_PROMOTED_A && index != NOT_PROMOTED_B;
      shards.add(
          new ShardRisk(
              first + index,
              lost,
              promoted ? replica : null,
              promoted ? EPOCH : null,
              lag,
              seconds,
              sampledAt,
              promoted ? null : replica + " did not answer the promotion"));
    }
    return new DcFailoverReportView(id, dc, trigger, shards);
  }
}
