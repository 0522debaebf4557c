package io.switchboard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.systemtest.NodeProcessCluster.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Automatic failover with real processes: six node processes and a control plane attached to them;
 * a client connected to americas-1's gateway writes to a user whose shard americas-1 leads, and
 * americas-1's process is killed with SIGKILL (the client reconnects to another gateway). The
 * control plane's health checks declare it DOWN, another americas node confirms it is unreachable,
 * an in-DC follower is promoted and the client's writes resume. The timeline is printed; every
 * acknowledged message is in the mailbox exactly once, in order.
 */
class FailoverProcessIT {

  private static final String VICTIM = "americas-1";
  private static final List<Member> NODES =
      List.of(
          new Member("americas-1", "americas"),
          new Member("americas-2", "americas"),
          new Member("americas-3", "americas"),
          new Member("europe-1", "europe"),
          new Member("asia-1", "asia"),
          new Member("middle-east-1", "middle-east"));
  private static final Duration WAIT = Duration.ofSeconds(90);

  /** An operation is created PLANNED and then started: only these states mean it has ended. */
  private static final List<String> TERMINAL =
      List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK");

  @Test
  void aKilledPrimaryProcessIsFailedOverWithTheTimelineRecordedAndNothingLost() throws Exception {
    Path dir = Files.createTempDirectory("switchboard-failover-");
    String profile = System.getProperty("failover.profile", "default");
    try (NodeProcessCluster nodes = NodeProcessCluster.start(dir.resolve("nodes"), NODES);
        RunningControlPlane controlPlane =
            RunningControlPlane.launch(
                dir,
                "--switchboard.remote.cluster-file=" + nodes.clusterFile(),
                "--spring.profiles.active=" + profile)) {
      List<GatewayAddress> gateways =
          List.of(VICTIM, "americas-2", "americas-3").stream()
              .map(node -> new GatewayAddress("127.0.0.1", nodes.gatewayPort(node)))
              .toList();
      JsonNode map = controlPlane.get("/api/v1/shards");
      GatewayClient writer = null;
      long userId = 0;
      List<GatewayClient> others = new ArrayList<>();
      for (int attempt = 0; attempt < 40 && writer == null; attempt++) {
        GatewayClient client = connect(gateways);
        long id =
            client.register("user " + attempt, "americas").get(30, TimeUnit.SECONDS).getUserId();
        if (map.get("shards").get(Shards.shardOf(id)).get("primary").asText().equals(VICTIM)) {
          writer = client;
          userId = id;
        } else {
          others.add(client);
        }
      }
      for (GatewayClient other : others) {
        other.close();
      }
      assertThat(writer).as("a user on a shard " + VICTIM + " leads").isNotNull();
      int shard = Shards.shardOf(userId);

      try (GatewayClient ada = writer) {
        Peer self = Peer.newBuilder().setUserId(userId).build();
        List<String> acknowledged = new ArrayList<>();
        List<Instant> ackTimes = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> traffic =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; writing.get(); i++) {
                    String text = "message " + i;
                    try {
                      ada.send(self, text).join();
                    } catch (RuntimeException unavailable) {
                      continue;
                    }
                    synchronized (acknowledged) {
                      acknowledged.add(text);
                      ackTimes.add(Instant.now());
                    }
                  }
                });
        await().atMost(WAIT).until(() -> size(acknowledged) >= 20);

        Instant killedAt = Instant.now();
        nodes.kill(VICTIM);
        JsonNode failover = awaitFailover(controlPlane);
        int before = size(acknowledged);
        await().atMost(WAIT).until(() -> size(acknowledged) >= before + 20);
        writing.set(false);
        traffic.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(failover.get("state").asText()).as(failover.toString()).isEqualTo("SUCCEEDED");
        Instant detected = Instant.parse(failover.get("parameters").get("detected-at").asText());
        Instant confirmed = Instant.parse(failover.get("steps").get(0).get("finishedAt").asText());
        Instant promoted = Instant.parse(failover.get("steps").get(1).get("finishedAt").asText());
        Instant firstWrite;
        synchronized (acknowledged) {
          firstWrite =
              ackTimes.stream().filter(at -> at.isAfter(promoted)).findFirst().orElseThrow();
        }
        System.out.printf(
            "Failover timeline (%s profile) of %s (shard %d), ms after the kill: detected %d,"
                + " confirmed %d, promoted and published %d, first write %d%n",
            profile,
            VICTIM,
            shard,
            Duration.between(killedAt, detected).toMillis(),
            Duration.between(killedAt, confirmed).toMillis(),
            Duration.between(killedAt, promoted).toMillis(),
            Duration.between(killedAt, firstWrite).toMillis());
        assertThat(detected).isAfter(killedAt);
        assertThat(confirmed).isAfterOrEqualTo(detected);
        assertThat(promoted).isAfterOrEqualTo(confirmed);
        assertThat(Duration.between(killedAt, firstWrite)).isLessThan(Duration.ofSeconds(30));

        JsonNode after = controlPlane.get("/api/v1/shards").get("shards").get(shard);
        assertThat(after.get("primary").asText()).isIn("americas-2", "americas-3");
        assertThat(after.get("epoch").asLong())
            .isGreaterThan(map.get("shards").get(shard).get("epoch").asLong());

        List<String> stored = texts(ada);
        List<String> storedAcknowledged =
            stored.stream().filter(new HashSet<>(acknowledged)::contains).toList();
        assertThat(storedAcknowledged)
            .as("every acknowledged message once, in order")
            .isEqualTo(acknowledged);
      }
    }
  }

  private static JsonNode awaitFailover(RunningControlPlane controlPlane) throws Exception {
    String[] id = new String[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (JsonNode operation : controlPlane.get("/api/v1/operations?limit=20")) {
                // The victim's failover only: under load another node may be declared DOWN too.
                if (operation.get("type").asText().equals("PRIMARY_FAILOVER")
                    && operation.path("parameters").path("node").asText().equals(VICTIM)
                    && TERMINAL.contains(operation.get("state").asText())) {
                  id[0] = operation.get("id").asText();
                  return true;
                }
              }
              return false;
            });
    return controlPlane.get("/api/v1/operations/" + id[0]);
  }

  private static GatewayClient connect(List<GatewayAddress> gateways) throws Exception {
    return GatewayClient.connect(
        GatewayClientConfig.of("failover-process-it", gateways)
            .withRetry(new RetryPolicy(60, Duration.ofMillis(100), Duration.ofMillis(500))));
  }

  private static List<String> texts(GatewayClient client) throws Exception {
    List<String> texts = new ArrayList<>();
    long pts = 0;
    while (true) {
      var page = client.getDifference(pts, 100).get(30, TimeUnit.SECONDS);
      if (page.getUpdatesCount() == 0) {
        return texts;
      }
      for (MailboxUpdate update : page.getUpdatesList()) {
        pts = update.getPts();
        if (update.hasNewMessage()) {
          texts.add(update.getNewMessage().getText());
        }
      }
    }
  }

  private static int size(List<String> list) {
    synchronized (list) {
      return list.size();
    }
  }
}
