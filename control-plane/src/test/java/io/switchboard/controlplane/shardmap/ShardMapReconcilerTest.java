package io.switchboard.controlplane.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.runtime.node.peer.PeerUnavailableException;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardMapReconcilerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void installsTheDesiredMapOnNodesServingAnOlderOneOnly() {
    FakeNodes nodes = new FakeNodes(map(7));
    nodes.serving("a", 7).serving("b", 5).serving("c", 1);
    ShardMapReconciler reconciler = reconciler(nodes);
    assertThat(reconciler.reconcile())
        .as("version 7 may still be on its way: the first pass only learns it")
        .isEmpty();
    assertThat(nodes.installed).isEmpty();

    assertThat(reconciler.reconcile()).containsExactlyInAnyOrder("b", "c");

    assertThat(nodes.installed).containsExactlyInAnyOrder("b", "c");
    assertThat(nodes.versions).containsEntry("a", 7L).containsEntry("b", 7L).containsEntry("c", 7L);
    assertThat(meters.get("switchboard.shard.map.drift.nodes").gauge().value()).isEqualTo(2);
    assertThat(meters.get("switchboard.reconciliation.repairs").counter().count()).isEqualTo(2);
    assertThat(meters.get("switchboard.shard.map.version").gauge().value()).isEqualTo(7);

    assertThat(reconciler.reconcile()).isEmpty();
    assertThat(meters.get("switchboard.shard.map.drift.nodes").gauge().value()).isZero();
  }

  @Test
  void aMapPublishedSinceThePreviousPassIsLeftToThePublication() {
    FakeNodes nodes = new FakeNodes(map(7));
    nodes.serving("a", 6);
    ShardMapReconciler reconciler = reconciler(nodes);
    reconciler.reconcile();
    nodes.desired = map(8);
    nodes.serving("a", 7);

    assertThat(reconciler.reconcile())
        .as("7 was desired at the previous pass; a serves 7")
        .isEmpty();
    assertThat(nodes.installed).isEmpty();
    assertThat(reconciler.reconcile()).containsExactly("a");
    assertThat(nodes.versions).containsEntry("a", 8L);
  }

  @Test
  void aNodeThatDoesNotAnswerCountsAsDriftAndIsLeftAlone() {
    FakeNodes nodes = new FakeNodes(map(3));
    nodes.serving("a", 3).serving("b", 3).unreachable("b");
    ShardMapReconciler reconciler = reconciler(nodes);
    reconciler.reconcile();

    assertThat(reconciler.reconcile()).containsExactly("b");
    assertThat(nodes.installed).isEmpty();
  }

  @Test
  void skipsNodesKnownToBeDown() {
    FakeNodes nodes = new FakeNodes(map(4));
    nodes.serving("a", 2).down("a");
    ShardMapReconciler reconciler = reconciler(nodes);
    reconciler.reconcile();

    assertThat(reconciler.reconcile()).isEmpty();
    assertThat(nodes.installed).isEmpty();
  }

  private ShardMapReconciler reconciler(FakeNodes nodes) {
    return new ShardMapReconciler(
        nodes, new ReconciliationProperties(Duration.ofSeconds(2), Duration.ofSeconds(1)), meters);
  }

  private static ShardMap map(long version) {
    return new ShardMap(
        version,
        IntStream.range(0, Shards.COUNT)
            .mapToObj(s -> new ReplicaSet(s, 1, "a", List.of()))
            .toList());
  }

  /** Nodes that each serve a map version, answer or not, and install only newer maps. */
  private static final class FakeNodes implements ShardMapNodes {
    ShardMap desired;
    final Map<String, Long> versions = new LinkedHashMap<>();
    final List<String> installed = new ArrayList<>();
    final Set<String> unreachable = new java.util.HashSet<>();
    final Set<String> down = new java.util.HashSet<>();

    FakeNodes(ShardMap desired) {
      this.desired = desired;
    }

    FakeNodes serving(String node, long version) {
      versions.put(node, version);
      return this;
    }

    FakeNodes unreachable(String node) {
      unreachable.add(node);
      return this;
    }

    FakeNodes down(String node) {
      down.add(node);
      return this;
    }

    @Override
    public ShardMap shardMap() {
      return desired;
    }

    @Override
    public boolean isRunning(String node) {
      return !down.contains(node);
    }

    @Override
    public CompletableFuture<Long> mapVersion(String node) {
      if (unreachable.contains(node)) {
        return CompletableFuture.failedFuture(new PeerUnavailableException(node + " is down"));
      }
      return CompletableFuture.completedFuture(versions.get(node));
    }

    @Override
    public List<String> nodes() {
      return List.copyOf(versions.keySet());
    }

    @Override
    public synchronized CompletableFuture<Long> install(String node, ShardMap map) {
      installed.add(node);
      versions.merge(node, map.version(), Math::max);
      return CompletableFuture.completedFuture(versions.get(node));
    }
  }
}
