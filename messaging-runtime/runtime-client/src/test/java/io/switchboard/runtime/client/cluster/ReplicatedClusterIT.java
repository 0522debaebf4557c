package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Registered;
import io.switchboard.runtime.replication.ShardReplica;
import io.switchboard.runtime.replication.node.ReplicaStatus;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.sharding.Shards;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded default's replication end to end (ADR 0008): twelve in-process nodes, three per data
 * centre, every shard with a primary and two followers in its home DC (LOCAL_QUORUM) and, but for
 * Europe's, an asynchronous replica in another DC. Real clients write through the gateways;
 * primaries are moved with the nodes' admin commands (fence, promote, install map) over their peer
 * ports, as the control plane does it.
 */
class ReplicatedClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DC = "americas";

  @RegisterExtension final TwelveNodeCluster nodes = TwelveNodeCluster.perTest();

  @Test
  void everyShardHasThreeInDcVotersAndEveryPrimaryServes() {
    ShardMap map = nodes.cluster().shardMap();
    for (ReplicaSet set : map.replicaSets()) {
      assertThat(set.voters()).hasSize(3);
      String home = HomeDataCenters.defaults().homeOf(set.shard());
      assertThat(set.voters()).allMatch(node -> node.startsWith(home + "-"));
      assertThat(set.asyncReplicas()).hasSize(home.equals("europe") ? 0 : 1);
      assertThat(set.asyncReplicas()).noneMatch(node -> node.startsWith(home + "-"));
      assertThat(store(set.primary()).replicas().serves(set.shard(), set.epoch())).isTrue();
    }
  }

  @Test
  void theShardsPrimaryExportsLagCommitLatencyAndBytesReplicated() throws Exception {
    GatewayClient ada = connect(RetryPolicy.DEFAULT, "asia-1");
    long adaId = ada.register("Ada", DC).get().getUserId();
    int shard = Shards.shardOf(adaId);
    ReplicaSet set = nodes.cluster().shardMap().replicaSet(shard);
    for (int i = 0; i < 5; i++) {
      ada.send(user(adaId), "note " + i).get();
    }
    String async = set.asyncReplicas().get(0);
    await()
        .atMost(WAIT)
        .until(
            () ->
                store(async).replicas().status(shard).lastSeq()
                    == store(set.primary()).replicas().status(shard).lastSeq());

    String primary = scrape(set.primary());
    String shardLabel = "shard=\"" + shard + "\"";
    assertThat(metric(primary, "switchboard_replication_commit_latency_seconds_count", shardLabel))
        .isGreaterThanOrEqualTo(6);
    for (String follower : set.followers()) {
      assertThat(
              metric(
                  primary,
                  "switchboard_replication_lag_records",
                  shardLabel,
                  "replica=\"" + follower + "\"",
                  "scope=\"in_dc\""))
          .isBetween(0.0, 1.0);
    }
    assertThat(
            metric(
                primary,
                "switchboard_replication_lag_records",
                shardLabel,
                "replica=\"" + async + "\"",
                "scope=\"cross_dc\""))
        .isZero();
    assertThat(metric(primary, "switchboard_replication_bytes_out_total")).isPositive();
    assertThat(metric(scrape(async), "switchboard_replication_bytes_in_total")).isPositive();
    assertThat(
            metric(scrape(async), "switchboard_replica_last_seq", shardLabel, "role=\"FOLLOWER\""))
        .isEqualTo(store(set.primary()).replicas().status(shard).lastSeq());
  }

  @Test
  void anAddedReplicaCopiesTheShardFromItsFirstEntryAndARemovedOneStopsFollowing()
      throws Exception {
    GatewayClient ada = connect(RetryPolicy.DEFAULT, "europe-2");
    long adaId = ada.register("Ada", DC).get().getUserId();
    int shard = Shards.shardOf(adaId);
    for (int i = 0; i < 20; i++) {
      ada.send(user(adaId), "before " + i).get();
    }
    ReplicaSet before = nodes.cluster().shardMap().replicaSet(shard);
    String removed = before.asyncReplicas().get(0);
    String added = removed.equals("europe-3") ? "europe-2" : "europe-3";
    assertThat(store(added).replicas().status(shard).lastSeq()).isZero();

    ShardMap map = nodes.cluster().reconfigure(shard, before.voters(), List.of(added));
    ReplicaSet after = map.replicaSet(shard);
    assertThat(after.epoch()).isEqualTo(before.epoch() + 1);
    assertThat(after.asyncReplicas()).containsExactly(added);
    ada.send(user(adaId), "after").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus leader = store(after.primary()).replicas().status(shard);
              ReplicaStatus copy = store(added).replicas().status(shard);
              return copy.lastSeq() == leader.lastSeq() && copy.commitSeq() == leader.commitSeq();
            });
    ReplicaStatus leader = store(after.primary()).replicas().status(shard);
    assertThat(leader.lags()).containsKey(added).doesNotContainKey(removed);
    assertThat(store(removed).replicas().status(shard).lastSeq()).isLessThan(leader.lastSeq());
  }

  @Test
  void aWriteIsAcknowledgedOnlyOnceTwoOfTheThreeInDcReplicasHoldIt() throws Exception {
    GatewayClient ada = connect(RetryPolicy.DEFAULT, "europe-1");
    Registered registered = ada.register("Ada", DC).get();
    long adaId = registered.getUserId();
    ReplicaSet set = nodes.cluster().shardMap().replicaSet(Shards.shardOf(adaId));
    assertThat(ada.send(user(adaId), "note to self").get().getPts()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .until(() -> everyReplica(set).allMatch(status -> status.commitSeq() >= status.lastSeq()));

    nodes.cluster().kill(set.followers().get(0));
    nodes.cluster().kill(set.followers().get(1));
    GatewayClient impatient =
        connect(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(50)), "europe-1");
    impatient.authenticate(registered.getToken()).get();
    assertThatThrownBy(() -> impatient.send(user(adaId), "alone").get(3, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    ReplicaStatus primary = store(set.primary()).replicas().status(set.shard());
    assertThat(primary.lastSeq()).isGreaterThan(primary.commitSeq());

    nodes.cluster().restart(set.followers().get(0));
    assertThat(
            ada.send(user(adaId), "quorum again").get(WAIT.toSeconds(), TimeUnit.SECONDS).getPts())
        .isEqualTo(3);
    assertThat(texts(ada.getDifference(0, 10).get().getUpdatesList()))
        .containsExactly("note to self", "alone", "quorum again");
  }

  @Test
  void aDemotedPrimaryStopsServingUntilAPromotionAtAHigherEpoch() throws Exception {
    GatewayClient ada = connect(RetryPolicy.DEFAULT, "asia-2");
    Registered registered = ada.register("Ada", DC).get();
    long adaId = registered.getUserId();
    int shard = Shards.shardOf(adaId);
    ReplicaSet set = nodes.cluster().shardMap().replicaSet(shard);
    ada.send(user(adaId), "before").get();

    nodes.cluster().admin().demote(set.primary(), shard, set.epoch() + 1).get();
    assertThat(store(set.primary()).replicas().serves(shard, set.epoch())).isFalse();
    GatewayClient impatient =
        connect(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(50)), "asia-2");
    impatient.authenticate(registered.getToken()).get();
    assertThatThrownBy(() -> impatient.send(user(adaId), "refused").get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);

    ShardMap promoted = nodes.cluster().promote(List.of(shard));
    assertThat(promoted.replicaSet(shard).epoch()).isEqualTo(set.epoch() + 1);
    ada.send(user(adaId), "after").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(texts(ada.getDifference(0, 10).get().getUpdatesList()))
        .containsExactly("before", "after");
  }

  @Test
  void anIsolatedPrimaryCannotCommitAndDiscardsItsUncommittedSuffixWhenItRejoins()
      throws Exception {
    GatewayClient ada = connect(RetryPolicy.DEFAULT, "asia-1");
    Registered registered = ada.register("Ada", DC).get();
    long adaId = registered.getUserId();
    int shard = Shards.shardOf(adaId);
    ReplicaSet set = nodes.cluster().shardMap().replicaSet(shard);
    ada.send(user(adaId), "committed").get();

    long fencedAt = set.epoch() + 1;
    for (String follower : set.followers()) {
      assertThat(nodes.cluster().admin().fence(follower, shard, fencedAt).get().epoch())
          .isEqualTo(fencedAt);
    }
    GatewayClient impatient =
        connect(new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(50)), "asia-1");
    impatient.authenticate(registered.getToken()).get();
    var never = impatient.send(user(adaId), "never committed");
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus old = store(set.primary()).replicas().status(shard);
              return old.durableSeq() > old.commitSeq();
            });
    ReplicaStatus isolated = store(set.primary()).replicas().status(shard);
    assertThat(never).isNotDone();

    String oldPrimary = set.primary();
    nodes.cluster().kill(oldPrimary);
    ShardMap promoted = nodes.cluster().promoteAwayFrom(oldPrimary);
    ReplicaSet now = promoted.replicaSet(shard);
    assertThat(now.epoch()).isEqualTo(fencedAt);
    assertThat(now.primary()).isIn(set.followers());
    assertThat(now.followers()).contains(oldPrimary);
    ada.send(user(adaId), "after failover").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    nodes.cluster().restart(oldPrimary);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus rejoined = store(oldPrimary).replicas().status(shard);
              ReplicaStatus leader = store(now.primary()).replicas().status(shard);
              return rejoined.role() == ShardReplica.Role.FOLLOWER
                  && rejoined.lastSeq() == leader.lastSeq()
                  && rejoined.commitSeq() == leader.commitSeq();
            });
    assertThat(store(oldPrimary).replicas().truncations()).isPositive();
    assertThat(store(oldPrimary).replicas().status(shard).lastSeq())
        .isNotEqualTo(isolated.lastSeq() - 1);
    assertThat(texts(ada.getDifference(0, 10).get().getUpdatesList()))
        .containsExactly("committed", "after failover");
  }

  @Test
  void killingAPrimaryUnderLoadLosesNoAcknowledgedMessageAndDuplicatesNone() throws Exception {
    int writers = 6;
    List<GatewayClient> senders = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    String[] gateways = {"europe-1", "asia-2", "middle-east-3"};
    RetryPolicy patient = new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(500));
    for (int i = 0; i < writers; i++) {
      GatewayClient client = connect(patient, gateways[i % gateways.length]);
      senders.add(client);
      ids.add(client.register("writer-" + i, DC).get().getUserId());
    }
    String victim = nodes.cluster().shardMap().replicaSet(Shards.shardOf(ids.get(0))).primary();
    Map<Long, List<String>> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      int writer = i;
      long from = ids.get(i);
      long to = ids.get((i + 1) % writers);
      Thread thread =
          new Thread(
              () -> {
                for (int n = 0; writing.get(); n++) {
                  String text = "w" + writer + "-" + n;
                  try {
                    senders
                        .get(writer)
                        .send(user(to), text)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    acknowledged.computeIfAbsent(from, k -> new ArrayList<>()).add(text);
                  } catch (Exception e) {
                    return;
                  }
                }
              },
              "writer-" + i);
      thread.start();
      threads.add(thread);
    }
    await().atMost(WAIT).until(() -> total(acknowledged) >= 300);
    nodes.cluster().kill(victim);
    nodes.cluster().promoteAwayFrom(victim);
    long atFailover = total(acknowledged);
    await().atMost(WAIT).until(() -> total(acknowledged) >= atFailover + 300);
    nodes.cluster().restart(victim);
    long atRejoin = total(acknowledged);
    await().atMost(WAIT).until(() -> total(acknowledged) >= atRejoin + 100);
    writing.set(false);
    for (Thread thread : threads) {
      thread.join(WAIT.toMillis());
    }

    for (int i = 0; i < writers; i++) {
      long sender = ids.get(i);
      List<String> acked = acknowledged.getOrDefault(sender, List.of());
      List<String> sent = sentTexts(senders.get(i), sender);
      assertThat(sent).doesNotHaveDuplicates();
      assertThat(sent).containsAll(acked);
      long recipient = ids.get((i + 1) % writers);
      GatewayClient reader = senders.get((i + 1) % writers);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(receivedTexts(reader, recipient, sender)).containsAll(acked));
      assertThat(receivedTexts(reader, recipient, sender)).doesNotHaveDuplicates();
    }
    int shard = Shards.shardOf(ids.get(0));
    ShardMap map = nodes.cluster().shardMap();
    assertThat(map.replicaSet(shard).primary()).isNotEqualTo(victim);
    await()
        .atMost(WAIT)
        .until(
            () -> {
              ReplicaStatus rejoined = store(victim).replicas().status(shard);
              ReplicaStatus leader =
                  store(map.replicaSet(shard).primary()).replicas().status(shard);
              return rejoined.lastSeq() == leader.lastSeq()
                  && rejoined.commitSeq() == leader.commitSeq();
            });
  }

  private String scrape(String nodeId) throws Exception {
    NodeConfig node =
        nodes.cluster().nodes().stream()
            .filter(n -> n.nodeId().equals(nodeId))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + node.host() + ":" + node.adminPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The value of the one sample of {@code name} whose labels contain every one of {@code labels}.
   */
  private static double metric(String scrape, String name, String... labels) {
    List<Double> values =
        scrape
            .lines()
            .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
            .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
            .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .toList();
    assertThat(values).as("samples of %s with %s", name, List.of(labels)).hasSize(1);
    return values.get(0);
  }

  private static long total(Map<Long, List<String>> acknowledged) {
    return acknowledged.values().stream().mapToLong(List::size).sum();
  }

  /** Texts of the messages {@code sender} sent, from its own mailbox. */
  private static List<String> sentTexts(GatewayClient client, long sender) throws Exception {
    return mailbox(client).stream()
        .filter(update -> update.getNewMessage().getFromUserId() == sender)
        .map(update -> update.getNewMessage().getText())
        .toList();
  }

  private static List<String> receivedTexts(GatewayClient client, long recipient, long sender)
      throws Exception {
    return mailbox(client).stream()
        .filter(update -> update.getNewMessage().getFromUserId() == sender)
        .map(update -> update.getNewMessage().getText())
        .toList();
  }

  private static List<MailboxUpdate> mailbox(GatewayClient client) throws Exception {
    List<MailboxUpdate> all = new ArrayList<>();
    long pts = 0;
    while (true) {
      var page = client.getDifference(pts, 100).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (page.getUpdatesCount() == 0) {
        return all.stream().filter(MailboxUpdate::hasNewMessage).toList();
      }
      all.addAll(page.getUpdatesList());
      pts = page.getUpdates(page.getUpdatesCount() - 1).getPts();
    }
  }

  private java.util.stream.Stream<ReplicaStatus> everyReplica(ReplicaSet set) {
    return set.voters().stream().map(node -> store(node).replicas().status(set.shard()));
  }

  private io.switchboard.runtime.node.cluster.NodeStore store(String nodeId) {
    return nodes.store(nodeId);
  }

  private GatewayClient connect(RetryPolicy retry, String... gatewayNodes) throws IOException {
    return nodes.connect(retry, gatewayNodes);
  }

  private static List<String> texts(List<MailboxUpdate> updates) {
    return updates.stream()
        .filter(MailboxUpdate::hasNewMessage)
        .map(update -> update.getNewMessage().getText())
        .collect(Collectors.toList());
  }

  private static Peer user(long id) {
    return Peer.newBuilder().setUserId(id).build();
  }
}
