package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.cluster.NodeStore;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshot catch-up on the embedded topology (ADR 0008, step 4): a replica more than {@link
 * #IMAGE_AFTER} entries behind gets a shard image from the primary (the messaging state and the
 * message bodies it names), then fetches the entries after it. Proven end to end: the replica that
 * was bootstrapped by an image is made the shard's only voter, serves the shard's history to a real
 * client, and still does after a restart (its log replays the image's records).
 */
class ShardImageIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long IMAGE_AFTER = 20;
  private static final int MESSAGES = 60;

  @RegisterExtension
  final TwelveNodeCluster nodes =
      TwelveNodeCluster.perTest(ReplicationLimits.defaults().withImageCatchUpEntries(IMAGE_AFTER));

  @Test
  void aNewReplicaIsBootstrappedByAnImageThenServesTheShardsHistory() throws Exception {
    GatewayClient ada = connect("americas-1", "americas-2");
    Registered registered = ada.register("Ada", "americas").get();
    long adaId = registered.getUserId();
    int shard = Shards.shardOf(adaId);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      String text = "before the image " + i;
      ada.send(self(adaId), text).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      sent.add(text);
    }
    ReplicaSet before = nodes.cluster().shardMap().replicaSet(shard);
    String added = "europe-1".equals(before.asyncReplicas().get(0)) ? "europe-2" : "europe-1";
    assertThat(store(added).replicas().status(shard).lastSeq()).isZero();

    ShardMap withNewVoter =
        nodes
            .cluster()
            .reconfigure(
                shard, List.of(before.primary(), before.followers().get(0), added), List.of());
    String primary = withNewVoter.replicaSet(shard).primary();
    await().atMost(WAIT).until(() -> store(added).replicas().imagesInstalled() == 1);
    assertThat(store(primary).imagesServed()).isEqualTo(1);
    assertThat(store(added).replicas().status(shard).commitSeq()).isGreaterThan(MESSAGES);

    String after = "after the image";
    ada.send(self(adaId), after).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    sent.add(after);
    awaitCaughtUp(added, primary, shard);
    assertThat(store(added).replicas().imagesInstalled())
        .as("the tail after the image comes as entries")
        .isEqualTo(1);

    moveThePrimaryTo(added, shard);
    assertThat(sentTexts(ada)).containsExactlyElementsOf(sent);

    nodes.cluster().restart(added);
    moveThePrimaryTo(added, shard);
    GatewayClient again = connect("americas-1", "americas-2");
    again.authenticate(registered.getToken()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(sentTexts(again)).containsExactlyElementsOf(sent);
    again.send(self(adaId), "after a restart").get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private void awaitCaughtUp(String replica, String primary, int shard) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus copy = store(replica).replicas().status(shard);
              ReplicaStatus leader = store(primary).replicas().status(shard);
              return copy.lastSeq() == leader.lastSeq() && copy.commitSeq() == leader.commitSeq();
            });
  }

  /**
   * Makes {@code node}, a voter holding every entry of the shard (nothing is written meanwhile),
   * the shard's primary at a new epoch with the admin commands, as the control plane does it, once
   * it caught up with the current primary.
   */
  private void moveThePrimaryTo(String node, int shard) throws Exception {
    ReplicaSet set = nodes.cluster().shardMap().replicaSet(shard);
    if (!set.primary().equals(node)) {
      awaitCaughtUp(node, set.primary(), shard);
    }
    long epoch =
        set.voters().stream()
                .filter(voter -> nodes.cluster().node(voter).isPresent())
                .mapToLong(voter -> store(voter).replicas().status(shard).highestEpoch())
                .max()
                .orElseThrow()
            + 1;
    List<FenceReport> reports = new ArrayList<>();
    for (String voter : set.voters()) {
      reports.add(
          nodes
              .cluster()
              .admin()
              .fence(voter, shard, epoch)
              .get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
    FenceReport chosen =
        reports.stream()
            .filter(report -> report.replicaId().equals(node))
            .findFirst()
            .orElseThrow();
    assertThat(reports)
        .as("the new primary holds every entry a fenced voter holds")
        .allMatch(report -> report.lastSeq() <= chosen.lastSeq());
    nodes
        .cluster()
        .admin()
        .promote(node, shard, epoch, new ReplicaGroup(Set.copyOf(set.voters()), Set.of()))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    List<ReplicaSet> sets = new ArrayList<>(nodes.cluster().shardMap().replicaSets());
    sets.set(
        shard,
        new ReplicaSet(
            shard,
            epoch,
            node,
            set.voters().stream().filter(voter -> !voter.equals(node)).toList(),
            List.of()));
    nodes.cluster().publish(new ShardMap(nodes.cluster().shardMap().version() + 1, sets));
  }

  /** The texts of the new messages in the client's mailbox, read with getDifference from pts 0. */
  private static List<String> sentTexts(GatewayClient client) throws Exception {
    List<String> texts = new ArrayList<>();
    long pts = 0;
    while (true) {
      var page = client.getDifference(pts, 100).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (page.getUpdatesCount() == 0) {
        return texts;
      }
      for (MailboxUpdate update : page.getUpdatesList()) {
        assertThat(update.getPts()).as("pts without gaps").isEqualTo(pts + 1);
        pts = update.getPts();
        if (update.hasNewMessage()) {
          texts.add(update.getNewMessage().getText());
        }
      }
    }
  }

  private NodeStore store(String nodeId) {
    return nodes.store(nodeId);
  }

  private GatewayClient connect(String... gatewayNodes) throws IOException {
    return nodes.connect(RetryPolicy.DEFAULT, gatewayNodes);
  }

  private static Peer self(long id) {
    return Peer.newBuilder().setUserId(id).build();
  }
}
