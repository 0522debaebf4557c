package io.switchboard.controlplane.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.api.topology.NodeHealth;
import org.junit.jupiter.api.Test;

class NodeHealthTrackerTest {

  @Test
  void firstSuccessMakesAnUnknownNodeUp() {
    NodeHealthTracker tracker = new NodeHealthTracker(2, NodeHealth.UNKNOWN);

    assertThat(tracker.recordSuccess()).contains(NodeHealth.UP);
    assertThat(tracker.recordSuccess()).isEmpty();
    assertThat(tracker.health()).isEqualTo(NodeHealth.UP);
  }

  @Test
  void nodeGoesDownOnlyAfterThresholdConsecutiveFailures() {
    NodeHealthTracker tracker = new NodeHealthTracker(3, NodeHealth.UP);

    assertThat(tracker.recordFailure()).isEmpty();
    assertThat(tracker.recordFailure()).isEmpty();
    assertThat(tracker.recordFailure()).contains(NodeHealth.DOWN);
    assertThat(tracker.recordFailure()).as("already down: no second transition").isEmpty();
  }

  @Test
  void aSuccessInBetweenResetsTheFailureCount() {
    NodeHealthTracker tracker = new NodeHealthTracker(2, NodeHealth.UP);

    tracker.recordFailure();
    tracker.recordSuccess();
    assertThat(tracker.recordFailure()).isEmpty();
    assertThat(tracker.health()).isEqualTo(NodeHealth.UP);
    assertThat(tracker.recordFailure()).contains(NodeHealth.DOWN);
  }

  @Test
  void downNodeComesBackUpOnFirstSuccess() {
    NodeHealthTracker tracker = new NodeHealthTracker(1, NodeHealth.UP);
    tracker.recordFailure();

    assertThat(tracker.recordSuccess()).contains(NodeHealth.UP);
  }

  @Test
  void unknownNodeThatNeverAnswersGoesDown() {
    NodeHealthTracker tracker = new NodeHealthTracker(2, NodeHealth.UNKNOWN);

    assertThat(tracker.recordFailure()).isEmpty();
    assertThat(tracker.recordFailure()).contains(NodeHealth.DOWN);
  }

  @Test
  void thresholdBelowOneIsRejected() {
    assertThatThrownBy(() -> new NodeHealthTracker(0, NodeHealth.UP))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
