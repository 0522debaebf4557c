package io.switchboard.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.node.identity.NodeIdentity;
import io.switchboard.runtime.testkit.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
