package io.switchboard.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate a checkpoint is written at, on a clock that only its pauses move. */
class PacedOutputStreamTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** A clock that stands still except when paused on, or when a test moves it. */
  private static final class ManualClock {
    long nanos = 1_000;
    long paused;

    void pause(long pauseNanos) {
      paused += pauseNanos;
      nanos += pauseNanos;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private boolean hurry;

  private PacedOutputStream pacedAt(long bytesPerSecond) {
    return new PacedOutputStream(
        sink, bytesPerSecond, () -> hurry, () -> clock.nanos, clock::pause);
  }

  @Test
  void aWriteFasterThanTheRateIsHeldBackToIt() throws IOException {
    PacedOutputStream out = pacedAt(1 << 20);
    byte[] chunk = new byte[64 << 10];
    Arrays.fill(chunk, (byte) 7);

    for (int i = 0; i < 64; i++) {
      out.write(chunk);
    }

    // 4 MiB at 1 MiB/s: four seconds, a quarter of a second per 256 KiB checked.
    assertThat(clock.paused).isEqualTo(4 * SECOND);
    assertThat(sink.size()).isEqualTo(4 << 20);
    assertThat(sink.toByteArray()).containsOnly((byte) 7);
  }

  @Test
  void theRateIsCheckedEveryCheckIntervalNotEveryWrite() throws IOException {
    PacedOutputStream out = pacedAt(1 << 20);

    out.write(new byte[PacedOutputStream.CHECK_EVERY_BYTES - 1]);
    assertThat(clock.paused).isZero();
    out.write(42);

    assertThat(clock.paused).isEqualTo(SECOND / 4);
    assertThat(sink.size()).isEqualTo(PacedOutputStream.CHECK_EVERY_BYTES);
  }

  @Test
  void aWriterSlowerThanTheRateIsNeverPaused() throws IOException {
    PacedOutputStream out = pacedAt(1 << 20);
    byte[] chunk = new byte[PacedOutputStream.CHECK_EVERY_BYTES];

    for (int i = 0; i < 8; i++) {
      clock.nanos += SECOND / 2; // 256 KiB per half second: half the rate
      out.write(chunk);
    }

    assertThat(clock.paused).isZero();
    assertThat(sink.size()).isEqualTo(8 * PacedOutputStream.CHECK_EVERY_BYTES);
  }

  @Test
  void timeLostToAStallIsNotMadeUpByABurst() throws IOException {
    PacedOutputStream out = pacedAt(1 << 20);
    byte[] chunk = new byte[PacedOutputStream.CHECK_EVERY_BYTES];

    clock.nanos += 10 * SECOND; // a long stall before anything was written
    out.write(chunk);
    assertThat(clock.paused).isZero();

    // The stall earned no credit: the next intervals are held to the rate again.
    for (int i = 0; i < 3; i++) {
      out.write(chunk);
    }
    assertThat(clock.paused).isEqualTo(3 * SECOND / 4);
  }

  @Test
  void onceHurriedTheRestIsWrittenWithoutPauses() throws IOException {
    PacedOutputStream out = pacedAt(1 << 20);
    byte[] chunk = new byte[PacedOutputStream.CHECK_EVERY_BYTES];
    out.write(chunk);
    assertThat(clock.paused).isEqualTo(SECOND / 4);

    hurry = true;
    for (int i = 0; i < 16; i++) {
      out.write(chunk);
    }

    assertThat(clock.paused).isEqualTo(SECOND / 4);
    assertThat(sink.size()).isEqualTo(17 * PacedOutputStream.CHECK_EVERY_BYTES);
  }

  @Test
  void hurryingEndsAPauseUnderWayWithinOneSlice() throws IOException {
    PacedOutputStream out =
        new PacedOutputStream(
            sink,
            1, // a check interval would take three days
            () -> hurry,
            () -> clock.nanos,
            nanos -> {
              clock.pause(nanos);
              hurry = true;
            });

    out.write(new byte[PacedOutputStream.CHECK_EVERY_BYTES]);

    assertThat(clock.paused).isEqualTo(PacedOutputStream.PAUSE_SLICE_NANOS);
  }

  @Test
  void anInterruptedPauseEndsTheWriteWithTheInterruptKept() {
    PacedOutputStream out =
        new PacedOutputStream(
            sink,
            1,
            () -> false,
            () -> clock.nanos,
            nanos -> {
              throw new InterruptedException();
            });

    try {
      assertThatThrownBy(() -> out.write(new byte[PacedOutputStream.CHECK_EVERY_BYTES]))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRateBelowOneByteASecondIsRefused() {
    assertThatThrownBy(() -> pacedAt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytesPerSecond");
  }
}
