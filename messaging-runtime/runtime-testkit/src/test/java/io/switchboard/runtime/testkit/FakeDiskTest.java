package io.switchboard.runtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.runtime.store.SegmentFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeDiskTest {

  @Test
  void forcedBytesAndSyncedSegmentsSurviveACrash() throws IOException {
    FakeDisk disk = new FakeDisk(1);
    SegmentFile segment = disk.createSegment(0);
    disk.syncDirectory();
    segment.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    segment.force();

    disk.crash();

    assertThat(disk.segmentBases()).containsExactly(0L);
    SegmentFile reopened = disk.openSegment(0);
    assertThat(reopened.size()).isEqualTo(3);
    ByteBuffer read = ByteBuffer.allocate(3);
    reopened.read(read, 0);
    assertThat(read.array()).containsExactly(1, 2, 3);
  }

  @Test
  void unforcedTailSurvivesOnlyAsSomePrefixAndVariesWithTheSeed() throws IOException {
    Set<Long> sizes = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      FakeDisk disk = new FakeDisk(seed);
      SegmentFile segment = disk.createSegment(0);
      disk.syncDirectory();
      segment.append(ByteBuffer.wrap(new byte[10]));
      segment.force();
      segment.append(ByteBuffer.wrap(new byte[20]));

      disk.crash();

      long size = disk.openSegment(0).size();
      assertThat(size).isBetween(10L, 30L);
      sizes.add(size);
    }
    assertThat(sizes).as("different seeds tear at different points").hasSizeGreaterThan(5);
  }

  @Test
  void unsyncedSegmentCreationMayBeLostButSyncedOnesNeverAre() throws IOException {
    Set<Boolean> outcomes = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      FakeDisk disk = new FakeDisk(seed);
      disk.createSegment(0);
      disk.syncDirectory();
      disk.createSegment(100);

      disk.crash();

      assertThat(disk.segmentBases()).contains(0L);
      outcomes.add(disk.segmentBases().contains(100L));
    }
    assertThat(outcomes).containsExactlyInAnyOrder(true, false);
  }

  @Test
  void handlesFromBeforeTheCrashAreDead() throws IOException {
    FakeDisk disk = new FakeDisk(3);
    SegmentFile segment = disk.createSegment(0);
    disk.syncDirectory();

    disk.crash();

    assertThatThrownBy(() -> segment.append(ByteBuffer.wrap(new byte[1])))
        .hasMessageContaining("crashed");
  }

  @Test
  void checkpointReplacementIsAtomicAndDurable() throws IOException {
    FakeDisk disk = new FakeDisk(4);
    disk.replaceCheckpoint(out -> out.write(new byte[] {7, 7}));

    disk.crash();

    assertThat(disk.openCheckpoint().orElseThrow().readAllBytes()).containsExactly(7, 7);
  }
}
