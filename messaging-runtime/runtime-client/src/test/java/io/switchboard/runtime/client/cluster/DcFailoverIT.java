package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.replication.PromotionMilestones;
import io.switchboard.runtime.node.replication.ShardPromotion;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loss of a whole data centre on the embedded default's twelve nodes: every shard homed there
 * is promoted on its asynchronous replica in another DC, clients carry on through another DC's
 * gateway, exactly the writes the asynchronous replica had not fetched are lost, and when the DC
 * returns its replicas replace their lost lineage, catch up, and take the lead back.
 */
class DcFailoverIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DC = "americas";
  private static final Set<String> AMERICAS = Set.of("americas-1", "americas-2", "americas-3");

  @RegisterExtension final TwelveNodeCluster nodes = TwelveNodeCluster.perTest();

  @Test
  void aLostDcsShardsMoveToTheirAsynchronousReplicasAndComeBackAfterItReturns() throws Exception {
    RetryPolicy patient = new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(500));
    GatewayClient ada = nodes.connect(patient, "americas-1", "asia-1");
    Registered registered = ada.register("Ada", DC).get();
    long adaId = registered.getUserId();
    int shard = Shards.shardOf(adaId);
    ReplicaSet home = nodes.cluster().shardMap().replicaSet(shard);
    String async = home.asyncReplicas().get(0);
    for (int i = 0; i < 20; i++) {
      ada.send(self(adaId), "safe " + i).get();
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                nodes.store(async).replicas().status(shard).lastSeq()
                    == nodes.store(home.primary()).replicas().status(shard).lastSeq());

    // The asynchronous replica falls behind: what the home DC commits now is at risk.
    nodes.cluster().kill(async);
    for (int i = 0; i < 5; i++) {
      ada.send(self(adaId), "at risk " + i).get();
    }
    AMERICAS.forEach(nodes.cluster()::kill);
    nodes.cluster().restart(async);

    List<Integer> homed = new ArrayList<>();
    for (ReplicaSet set : nodes.cluster().shardMap().replicaSets()) {
      if (AMERICAS.contains(set.primary())) {
        homed.add(set.shard());
      }
    }
    assertThat(homed).hasSize(256);
    Instant started = Instant.now();
    ShardPromotion.Outcome outcome = nodes.cluster().failOverAcrossDc(homed, AMERICAS);
    Instant returned = Instant.now();
    assertThat(outcome.failures()).isEmpty();
    PromotionMilestones stages = outcome.milestones();
    assertThat(List.of(stages.fenced(), stages.elected(), stages.promoted(), stages.notified()))
        .as("every stage happened, in order, during the call")
        .doesNotContainNull()
        .isSorted()
        .allMatch(at -> !at.isBefore(started) && !at.isAfter(returned));
    assertThat(stages.byStage()).containsOnlyKeys("fenced", "elected", "promoted", "notified");
    for (int moved : homed) {
      ReplicaSet set = outcome.map().replicaSet(moved);
      ReplicaSet before = home.shard() == moved ? home : null;
      assertThat(set.primary()).doesNotStartWith(DC + "-");
      assertThat(set.followers()).isEmpty();
      assertThat(set.asyncReplicas()).containsAll(AMERICAS);
      if (before != null) {
        assertThat(set.primary()).isEqualTo(async);
        assertThat(set.epoch()).isGreaterThan(before.epoch());
      }
    }

    ada.send(self(adaId), "during the outage").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(texts(fresh(registered, "asia-2")))
        .as("the asynchronous replica's history: the at-risk writes are lost")
        .containsExactlyElementsOf(expected("during the outage"));

    AMERICAS.forEach(nodes.cluster()::restart);
    String oldPrimary = home.primary();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus rejoined = nodes.store(oldPrimary).replicas().status(shard);
              ReplicaStatus leader = nodes.store(async).replicas().status(shard);
              return rejoined.role() == ShardReplica.Role.FOLLOWER
                  && rejoined.lastSeq() == leader.lastSeq()
                  && rejoined.commitSeq() == leader.commitSeq();
            });

    // Switchback: the home replicas become voters again, then the original primary leads.
    List<String> withHome = new ArrayList<>(List.of(async));
    withHome.addAll(home.voters());
    nodes.cluster().reconfigure(shard, withHome, List.of());
    await()
        .atMost(WAIT)
        .until(
            () ->
                nodes.store(oldPrimary).replicas().status(shard).lastSeq()
                    == nodes.store(async).replicas().status(shard).lastSeq());
    ShardMap back = nodes.cluster().reconfigure(shard, home.voters(), List.of(async));
    assertThat(back.replicaSet(shard).primary()).isEqualTo(oldPrimary);
    assertThat(back.replicaSet(shard).followers()).isEqualTo(home.followers());
    assertThat(back.replicaSet(shard).asyncReplicas()).containsExactly(async);

    ada.send(self(adaId), "after switchback").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<MailboxUpdate> mailbox = fresh(registered, "americas-2");
    assertThat(texts(mailbox))
        .containsExactlyElementsOf(expected("during the outage", "after switchback"));
    for (int i = 0; i < mailbox.size(); i++) {
      assertThat(mailbox.get(i).getPts()).as("pts without a gap").isEqualTo(i + 1);
    }
  }

  /** The mailbox as a new session of Ada through {@code gateway} reads it. */
  private List<MailboxUpdate> fresh(Registered registered, String gateway) throws Exception {
    GatewayClient reader = nodes.connect(RetryPolicy.DEFAULT, gateway);
    reader.authenticate(registered.getToken()).get();
    return reader.getDifference(0, 100).get().getUpdatesList();
  }

  private static List<String> expected(String... after) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      texts.add("safe " + i);
    }
    texts.addAll(List.of(after));
    return texts;
  }

  private static List<String> texts(List<MailboxUpdate> updates) {
    return updates.stream().map(update -> update.getNewMessage().getText()).toList();
  }

  private static Peer self(long userId) {
    return Peer.newBuilder().setUserId(userId).build();
  }
}
