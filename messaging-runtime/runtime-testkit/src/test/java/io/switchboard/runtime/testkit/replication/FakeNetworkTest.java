package io.switchboard.runtime.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FakeNetworkTest {

  private final FakeClock clock = FakeClock.at(Instant.parse("2026-11-26T00:00:00Z"));

  @Test
  void deliversAfterTheDelayInArrivalOrder() {
    FakeNetwork<Integer> network = network(new FakeNetwork.Conditions(1, 10, 0, 10, 0, 0), 1);
    for (int i = 0; i < 50; i++) {
      network.send("a", "b", i);
    }

    assertThat(network.deliverDue()).as("nothing arrives before the minimum delay").isEmpty();
    List<Integer> arrived = new ArrayList<>();
    for (int ms = 0; ms < 10; ms++) {
      clock.advance(Duration.ofMillis(1));
      network.deliverDue().forEach(delivery -> arrived.add(delivery.message()));
    }

    assertThat(arrived).containsExactlyInAnyOrderElementsOf(range(50));
    assertThat(arrived).as("random delays reorder messages").isNotEqualTo(range(50));
  }

  @Test
  void dropsAndDuplicatesAsConfiguredAndReproduciblyPerSeed() {
    FakeNetwork.Conditions lossy = new FakeNetwork.Conditions(1, 1, 0, 1, 0.3, 0.3);

    List<Integer> first = deliverAll(network(lossy, 7));
    List<Integer> again = deliverAll(network(lossy, 7));

    assertThat(first).isEqualTo(again);
    long distinct = first.stream().distinct().count();
    assertThat(distinct).as("some dropped").isLessThan(200);
    assertThat(first).as("some duplicated").hasSizeGreaterThan((int) distinct);
  }

  @Test
  void aPartitionCutsNodesApartAndAlsoWhatIsInFlightUntilHealed() {
    FakeNetwork<Integer> network = network(new FakeNetwork.Conditions(5, 5, 0, 5, 0, 0), 1);
    network.send("a", "b", 1);
    network.partition(Map.of("b", 1));
    network.send("a", "b", 2);
    network.send("a", "c", 3);
    clock.advance(Duration.ofMillis(5));

    assertThat(network.connected("a", "b")).isFalse();
    assertThat(network.deliverDue()).extracting(FakeNetwork.Delivery::message).containsExactly(3);

    network.heal();
    network.send("a", "b", 4);
    clock.advance(Duration.ofMillis(5));
    assertThat(network.deliverDue()).extracting(FakeNetwork.Delivery::message).containsExactly(4);
  }

  @Test
  void aCutLinkSeparatesOnlyItsTwoNodesBothWaysUntilHealed() {
    FakeNetwork<Integer> network = network(new FakeNetwork.Conditions(5, 5, 0, 5, 0, 0), 1);
    network.send("a", "b", 1);
    network.cut("b", "a");
    network.send("b", "a", 2);
    network.send("a", "c", 3);
    network.send("c", "b", 4);
    clock.advance(Duration.ofMillis(5));

    assertThat(network.connected("a", "b")).isFalse();
    assertThat(network.connected("a", "c")).isTrue();
    assertThat(network.deliverDue())
        .as("what was in flight on the cut link is lost too")
        .extracting(FakeNetwork.Delivery::message)
        .containsExactly(3, 4);

    network.heal();
    network.send("a", "b", 5);
    clock.advance(Duration.ofMillis(5));
    assertThat(network.deliverDue()).extracting(FakeNetwork.Delivery::message).containsExactly(5);
  }

  private List<Integer> deliverAll(FakeNetwork<Integer> network) {
    for (int i = 0; i < 200; i++) {
      network.send("a", "b", i);
    }
    clock.advance(Duration.ofMillis(1));
    List<Integer> arrived = new ArrayList<>();
    network.deliverDue().forEach(delivery -> arrived.add(delivery.message()));
    return arrived;
  }

  private FakeNetwork<Integer> network(FakeNetwork.Conditions conditions, long seed) {
    return new FakeNetwork<>(clock, new SplittableRandom(seed), conditions);
  }

  private static List<Integer> range(int count) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(i);
    }
    return values;
  }
}
