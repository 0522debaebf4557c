package io.switchboard.controlplane.failover;

import static io.switchboard.controlplane.MessagingClients.self;
import static io.switchboard.controlplane.MessagingClients.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.controlplane.ControlPlaneIT;
import io.switchboard.controlplane.MessagingClients;
import io.switchboard.controlplane.shardmap.ReplicaControl;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Automatic failover on the embedded cluster: the node leading a shard a client writes to is
 * killed; the health checks declare it DOWN, a second monitor of its DC confirms it is unreachable,
 * an in-DC follower is promoted at the next epoch and the client's writes go on. Every acknowledged
 * message is in the mailbox exactly once, in order. When the new primary dies as well inside the
 * quiet window, an alert is raised and the shard is not failed over a second time.
 */
class AutomaticFailoverIT extends ControlPlaneIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired private ReplicaControl replicas;
  @Autowired private MeterRegistry meters;

  @Test
  void aKilledPrimaryIsFailedOverAndAcceptsWritesAgainWithNoAcknowledgedMessageLost()
      throws Exception {
    String token = adminToken().token();
    TopologyApi topology = topologyAs(token);
    OperationApi operations = client(OperationApi.class, token);
    try (GatewayClient ada =
        MessagingClients.connect(
            topology,
            "europe",
            "failover-it",
            config ->
                config.withRetry(
                    new RetryPolicy(40, Duration.ofMillis(100), Duration.ofMillis(500))))) {
      long adaId = ada.register("Ada", "europe").get(30, TimeUnit.SECONDS).getUserId();
      int shard = Shards.shardOf(adaId);
      ReplicaSet before = replicas.shardMap().replicaSet(shard);
      String victim = before.primary();
      assertThat(before.followers()).isNotEmpty();

      List<String> acknowledged = new ArrayList<>();
      List<Long> ackNanos = new ArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; writing.get(); i++) {
                  String text = "message " + i;
                  try {
                    ada.send(self(adaId), text).join();
                  } catch (RuntimeException unavailable) {
                    continue; // not acknowledged: may or may not be stored
                  }
                  synchronized (acknowledged) {
                    acknowledged.add(text);
                    ackNanos.add(System.nanoTime());
                  }
                }
              });
      await().atMost(WAIT).until(() -> size(acknowledged) >= 20);

      long killedAt = System.nanoTime();
      topology.killNode(victim);
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !replicas.shardMap().replicaSet(shard).primary().equals(victim));
      int acknowledgedBeforeRecovery = size(acknowledged);
      await().atMost(WAIT).until(() -> size(acknowledged) >= acknowledgedBeforeRecovery + 20);
      writing.set(false);
      writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      Duration unavailable = longestGapAfter(ackNanos, killedAt);
      System.out.printf(
          "Automatic failover of %s (shard %d): writes unavailable for %d ms%n",
          victim, shard, unavailable.toMillis());
      assertThat(unavailable)
          .as("the kill interrupted the writes (a failover happened on their path)")
          .isGreaterThan(Duration.ofMillis(500));
      assertThat(unavailable).isLessThan(Duration.ofSeconds(15));

      ReplicaSet after = replicas.shardMap().replicaSet(shard);
      assertThat(after.epoch()).isGreaterThan(before.epoch());
      assertThat(before.followers()).contains(after.primary());

      OperationView failover =
          operations.list(20).stream()
              .filter(op -> op.type().equals("PRIMARY_FAILOVER"))
              .filter(op -> victim.equals(op.parameters().get("node")))
              .findFirst()
              .orElseThrow();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK")
                      .contains(operations.get(failover.id()).state()));
      OperationView done = operations.get(failover.id());
      assertThat(done.state()).as(done.failure()).isEqualTo("SUCCEEDED");
      assertThat(done.requester()).isEqualTo("automatic-failover");
      assertThat(done.parameters()).containsKey("detected-at");
      assertThat(done.steps())
          .extracting(OperationView.StepView::name)
          .containsExactly("confirm", "promote");
      assertThat(done.steps().get(0).detail()).startsWith("unreachable from ");
      assertThat(done.resources()).contains("node:" + victim, "shard:" + shard);

      List<String> stored = texts(ada);
      List<String> storedAcknowledged =
          stored.stream().filter(new HashSet<>(acknowledged)::contains).toList();
      assertThat(storedAcknowledged)
          .as("every acknowledged message once, in order")
          .isEqualTo(acknowledged);

      // The new primary dies too, inside the quiet window: an alert, no second failover.
      topology.startNode(victim);
      await().atMost(WAIT).until(() -> health(topology, victim) == NodeHealth.UP);
      double quietAlerts = alerts("quiet_window");
      String second = after.primary();
      topology.killNode(second);
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> alerts("quiet_window") > quietAlerts);
      assertThat(replicas.shardMap().replicaSet(shard).primary())
          .as("shard %d stays on %s: a person decides", shard, second)
          .isEqualTo(second);
    } finally {
      for (NodeView node : topology.topology().nodes().toList()) {
        if (node.health() != NodeHealth.UP) {
          topology.startNode(node.id());
        }
      }
      await()
          .atMost(WAIT)
          .until(() -> topology.topology().nodes().allMatch(n -> n.health() == NodeHealth.UP));
    }
  }

  private double alerts(String reason) {
    var counter = meters.find("switchboard.failover.alerts").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static NodeHealth health(TopologyApi topology, String node) {
    return topology
        .topology()
        .nodes()
        .filter(n -> n.id().equals(node))
        .findFirst()
        .orElseThrow()
        .health();
  }

  /**
   * The longest time between two consecutive acknowledgements around {@code killedAt}: from the
   * last one before it on.
   */
  private static Duration longestGapAfter(List<Long> ackNanos, long killedAt) {
    long longest = 0;
    long previous = Long.MIN_VALUE;
    for (long at : ackNanos) {
      if (previous != Long.MIN_VALUE && at > killedAt) {
        longest = Math.max(longest, at - previous);
      }
      previous = at;
    }
    return Duration.ofNanos(longest);
  }

  private static int size(List<String> list) {
    synchronized (list) {
      return list.size();
    }
  }
}
