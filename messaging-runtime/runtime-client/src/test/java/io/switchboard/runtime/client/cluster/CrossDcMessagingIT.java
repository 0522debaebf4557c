package io.switchboard.runtime.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.runtime.client.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import io.switchboard.runtime.client.GatewayClientConfig;
import io.switchboard.runtime.client.RetryPolicy;
import io.switchboard.runtime.node.InProcessCluster;
import io.switchboard.runtime.node.NodeConfig;
import io.switchboard.runtime.protocol.ChannelPost;
import io.switchboard.runtime.protocol.MailboxUpdate;
import io.switchboard.runtime.protocol.Peer;
import io.switchboard.runtime.protocol.Update;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.Shards;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.topology.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients through the gateways of a real in-process cluster: five nodes over the four data
 * centres (two in Europe), every node a gateway and a store on a durable log, talking over their
 * peer ports. Users live in different DCs and connect through gateways that do not host their
 * shards, so every operation crosses nodes: forwarded requests, outbox deliveries between shards,
 * pushes relayed from the storing node to the user's gateway.
 */
class CrossDcMessagingIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dataDir;

  private InProcessCluster cluster;
  private final List<GatewayClient> clients = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    List<NodeConfig> nodes =
        List.of(
            node("americas-1", "americas"),
            node("europe-1", "europe"),
            node("europe-2", "europe"),
            node("asia-1", "asia"),
            node("middle-east-1", "middle-east"));
    cluster =
        InProcessCluster.start(
            nodes, HomeDataCenters.defaults(), LogOptions.defaults(), Clock.systemUTC());
  }

  @AfterEach
  void stopCluster() throws IOException {
    for (GatewayClient client : clients) {
      client.close();
    }
    cluster.close();
  }

  @Test
  void aPrivateMessageCrossesDataCentresAndIsPushedToBothSides() throws Exception {
    Updates adaUpdates = new Updates();
    Updates bobUpdates = new Updates();
    GatewayClient ada = connect(adaUpdates, "asia-1");
    GatewayClient bob = connect(bobUpdates, "middle-east-1");
    long adaId = ada.register("Ada", "europe").get().getUserId();
    long bobId = bob.register("Bob", "americas").get().getUserId();
    assertThat(HomeDataCenters.defaults().homeOf(Shards.shardOf(adaId))).isEqualTo("europe");
    assertThat(HomeDataCenters.defaults().homeOf(Shards.shardOf(bobId))).isEqualTo("americas");

    assertThat(ada.send(user(bobId), "hello from Europe").get().getPts()).isEqualTo(1);

    assertThat(bobUpdates.awaitTexts(1)).containsExactly("hello from Europe");
    assertThat(bobUpdates.mailbox().get(0).getNewMessage().getFromUserId()).isEqualTo(adaId);
    assertThat(adaUpdates.awaitTexts(1)).containsExactly("hello from Europe");
    List<MailboxUpdate> stored = bob.getDifference(0, 10).get().getUpdatesList();
    assertThat(stored).extracting(MailboxUpdate::getPts).containsExactly(1L);
    assertThat(stored.get(0).getNewMessage().getText()).isEqualTo("hello from Europe");
  }

  @Test
  void aGroupMessageReachesEveryMemberInEveryDataCentre() throws Exception {
    Updates adaUpdates = new Updates();
    Updates bobUpdates = new Updates();
    Updates chenUpdates = new Updates();
    GatewayClient ada = connect(adaUpdates, "europe-2");
    GatewayClient bob = connect(bobUpdates, "asia-1");
    GatewayClient chen = connect(chenUpdates, "americas-1");
    ada.register("Ada", "europe").get();
    long bobId = bob.register("Bob", "americas").get().getUserId();
    long chenId = chen.register("Chen", "asia").get().getUserId();

    long groupId = ada.createGroup("ops", List.of(bobId, chenId)).get().getGroupId();
    ada.send(group(groupId), "standup in 5").get();

    assertThat(adaUpdates.awaitTexts(1)).containsExactly("standup in 5");
    assertThat(bobUpdates.awaitTexts(1)).containsExactly("standup in 5");
    assertThat(chenUpdates.awaitTexts(1)).containsExactly("standup in 5");
    assertThat(chenUpdates.mailbox().get(0).getNewMessage().getPeer()).isEqualTo(group(groupId));
    assertThat(bob.getHistory(group(groupId), 0, 10).get().getMessagesList())
        .extracting(message -> message.getText())
        .containsExactly("standup in 5");
  }

  @Test
  void aChannelPostIsStoredOnceAndFannedOutToSubscribersOnOtherGateways() throws Exception {
    Updates bobUpdates = new Updates();
    Updates chenUpdates = new Updates();
    GatewayClient ada = connect(new Updates(), "europe-1");
    GatewayClient bob = connect(bobUpdates, "americas-1");
    GatewayClient chen = connect(chenUpdates, "middle-east-1");
    ada.register("Ada", "europe").get();
    bob.register("Bob", "americas").get();
    chen.register("Chen", "asia").get();
    long channelId = ada.createChannel("status").get().getChannelId();
    bob.subscribe(channelId).get();
    chen.subscribe(channelId).get();

    ada.postToChannel(channelId, "all systems nominal").get();
    ada.postToChannel(channelId, "maintenance at 22:00").get();

    assertThat(bobUpdates.awaitPosts(2))
        .containsExactly("all systems nominal", "maintenance at 22:00");
    assertThat(chenUpdates.awaitPosts(2))
        .containsExactly("all systems nominal", "maintenance at 22:00");
    assertThat(chen.getChannelDifference(channelId, 1, 10).get().getPostsList())
        .extracting(ChannelPost::getChannelPts)
        .containsExactly(2L);
  }

  @Test
  void aClientWhoseGatewayDiesReconnectsElsewhereAndCatchesUpWithGetDifference() throws Exception {
    Updates bobUpdates = new Updates();
    GatewayClient ada = connect(new Updates(), "europe-1");
    GatewayClient bob = connect(bobUpdates, "middle-east-1", "americas-1");
    ada.register("Ada", "europe").get();
    long bobId = bob.register("Bob", "americas").get().getUserId();
    ada.send(user(bobId), "before").get();
    assertThat(bobUpdates.awaitTexts(1)).containsExactly("before");

    cluster.kill("middle-east-1");
    for (int i = 1; i <= 3; i++) {
      ada.send(user(bobId), "while away " + i).get();
    }

    assertThat(bobUpdates.awaitTexts(4))
        .containsExactly("before", "while away 1", "while away 2", "while away 3");
    assertThat(bobUpdates.mailbox())
        .extracting(MailboxUpdate::getPts)
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(bob.getDifference(0, 10).get().getPts()).isEqualTo(4);
  }

  private NodeConfig node(String id, String dc) {
    return NodeConfig.of(id, dc, EnumSet.of(NodeRole.GATEWAY, NodeRole.STORE), dataDir.resolve(id));
  }

  private GatewayClient connect(Updates updates, String... gatewayNodes) throws IOException {
    List<GatewayAddress> gateways = new ArrayList<>();
    for (String nodeId : gatewayNodes) {
      NodeConfig node =
          cluster.nodes().stream().filter(n -> n.nodeId().equals(nodeId)).findFirst().orElseThrow();
      gateways.add(new GatewayAddress(node.host(), node.gatewayPort()));
    }
    GatewayClient client =
        GatewayClient.connect(
            GatewayClientConfig.of("it-" + gatewayNodes[0], gateways)
                .withRetry(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofMillis(500)))
                .withListener(updates));
    clients.add(client);
    return client;
  }

  private static Peer user(long id) {
    return Peer.newBuilder().setUserId(id).build();
  }

  private static Peer group(long id) {
    return Peer.newBuilder().setGroupId(id).build();
  }

  /** What a client's listener received, in order. */
  private static final class Updates implements io.switchboard.runtime.client.UpdateListener {

    private final List<Update> received = new CopyOnWriteArrayList<>();

    @Override
    public void onUpdate(Update update) {
      received.add(update);
    }

    List<MailboxUpdate> mailbox() {
      return received.stream().filter(Update::hasMailbox).map(Update::getMailbox).toList();
    }

    List<String> awaitTexts(int count) {
      await().atMost(WAIT).until(() -> mailbox().size() >= count);
      return mailbox().stream().map(update -> update.getNewMessage().getText()).toList();
    }

    List<String> awaitPosts(int count) {
      await()
          .atMost(WAIT)
          .until(() -> received.stream().filter(Update::hasChannelPost).count() >= count);
      return received.stream()
          .filter(Update::hasChannelPost)
          .map(update -> update.getChannelPost().getText())
          .toList();
    }
  }
}
