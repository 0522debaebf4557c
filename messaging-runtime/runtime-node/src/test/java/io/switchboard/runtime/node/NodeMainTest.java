package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.node.peer.InVmPeerEndpoints;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.testkit.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeMainTest {

  @TempDir Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<RuntimeNode> started = new ArrayList<>();
  private final FakeClock clock = FakeClock.at(Instant.parse("2025-01-01T00:00:00Z"));

  @AfterEach
  void stopNodes() {
    started.forEach(RuntimeNode::close);
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    int status = run("--help");

    assertThat(status).isEqualTo(NodeMain.EXIT_OK);
    assertThat(text(out)).isEqualTo(NodeCommandLine.USAGE);
    assertThat(started).isEmpty();
  }

  @Test
  void badArgumentsPrintTheProblemAndTheUsageOnStderrAndExitOne() {
    int status = run("--node-id", "am-1", "--dc");

    assertThat(status).isEqualTo(NodeMain.EXIT_USAGE);
    assertThat(text(err)).startsWith("error: --dc needs a value").contains(NodeCommandLine.USAGE);
    assertThat(text(out)).isEmpty();
    assertThat(started).isEmpty();
  }

  @Test
  void aNodeThatCannotStartExitsTwoWithTheReason() throws IOException {
    new NodeIdentity("eu-1", "europe").claim(temp);

    int status = run("--node-id", "am-1", "--dc", "americas", "--data-dir", temp.toString());

    assertThat(status).isEqualTo(NodeMain.EXIT_START_FAILED);
    assertThat(text(err))
        .startsWith("error: node am-1 cannot start:")
        .contains("belongs to node eu-1");
    assertThat(started).isEmpty();
  }

  @Test
  void startsTheNodeAndPrintsItsBoundPorts() {
    int status =
        run(
            "--node-id", "am-1",
            "--dc", "americas",
            "--roles", "gateway",
            "--data-dir", temp.toString());

    assertThat(status).isEqualTo(NodeMain.EXIT_OK);
    assertThat(started).hasSize(1);
    RuntimeNode node = started.get(0);
    assertThat(node.isRunning()).isTrue();
    assertThat(text(out))
        .isEqualTo(
            "node am-1 (americas) started: gateway port %d, admin port %d, peer port %d%n"
                .formatted(node.gatewayPort(), node.adminPort(), node.peerPort()));
  }

  @Test
  void joinsTheClusterOfItsFileOnThePortsOfItsLine() throws IOException {
    int[] ports = freePorts(3);
    Path file =
        clusterFile(
            "am-1 americas 127.0.0.1 %d %d %d".formatted(ports[0], ports[1], ports[2]),
            "am-2 americas 127.0.0.1 1 2 3",
            "am-3 americas 127.0.0.1 4 5 6",
            "eu-1 europe 127.0.0.1 7 8 9",
            "as-1 asia 127.0.0.1 10 11 12",
            "me-1 middle-east 127.0.0.1 13 14 15");

    int status =
        run(
            "--node-id", "am-1",
            "--dc", "americas",
            "--data-dir", temp.resolve("am-1").toString(),
            "--cluster", file.toString(),
            "--placement", "balanced");

    assertThat(status).as(text(err)).isEqualTo(NodeMain.EXIT_OK);
    RuntimeNode node = started.get(0);
    assertThat(List.of(node.gatewayPort(), node.adminPort(), node.peerPort()))
        .containsExactly(ports[0], ports[1], ports[2]);
    assertThat(InVmPeerEndpoints.lookup(new InetSocketAddress("127.0.0.1", ports[2])))
        .as("peers in this JVM reach the node in-VM")
        .isPresent();
    ShardMap map = node.shardMap().orElseThrow();
    assertThat(map.version()).isEqualTo(1);
    assertThat(map.replicaSet(0).primary()).isEqualTo("am-1");
    assertThat(map.replicaSet(0).followers()).containsExactly("am-2", "am-3");
    assertThat(map.replicaSet(256).primary()).isEqualTo("eu-1");
    assertThat(text(out))
        .startsWith(
            "node am-1 joins a cluster of 6 nodes (%s), balanced placement, shard map version 1%n"
                .formatted(file))
        .contains("placement shortfall: ")
        .endsWith(
            "node am-1 (americas) started: gateway port %d, admin port %d, peer port %d%n"
                .formatted(ports[0], ports[1], ports[2]));
  }

  @Test
  void aClusterFileThatDoesNotFitExitsOneWithTheReason() throws IOException {
    Path file = clusterFile("am-1 americas 127.0.0.1 1 2 3", "eu-1 europe 127.0.0.1 4 5 6");
    String dataDir = temp.resolve("d").toString();

    assertThat(
            run("--node-id", "as-1", "--dc", "asia", "--data-dir", dataDir, "--cluster", "" + file))
        .isEqualTo(NodeMain.EXIT_USAGE);
    assertThat(text(err))
        .startsWith("error: node as-1 is not listed in the cluster file; it lists [am-1, eu-1]");
    err.reset();
    assertThat(
            run(
                "--node-id",
                "am-1",
                "--dc",
                "americas",
                "--data-dir",
                dataDir,
                "--cluster",
                "" + file))
        .isEqualTo(NodeMain.EXIT_USAGE);
    assertThat(text(err)).startsWith("error: Data centre asia homes shards");
    err.reset();
    assertThat(
            run(
                "--node-id",
                "am-1",
                "--dc",
                "americas",
                "--data-dir",
                dataDir,
                "--cluster",
                temp.resolve("missing").toString()))
        .isEqualTo(NodeMain.EXIT_USAGE);
    assertThat(text(err)).startsWith("error: cannot read cluster file " + temp.resolve("missing"));
    err.reset();
    Files.writeString(file, "am-1 americas 127.0.0.1 1 2\n");
    assertThat(
            run(
                "--node-id",
                "am-1",
                "--dc",
                "americas",
                "--data-dir",
                dataDir,
                "--cluster",
                "" + file))
        .isEqualTo(NodeMain.EXIT_USAGE);
    assertThat(text(err)).startsWith("error: cluster file " + file + ": line 1: expected");
    assertThat(started).isEmpty();
    assertThat(text(out)).isEmpty();
  }

  private Path clusterFile(String... lines) throws IOException {
    return Files.write(temp.resolve("cluster.txt"), List.of(lines));
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private int run(String... args) {
    return NodeMain.run(args, print(out), print(err), clock, started::add);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
