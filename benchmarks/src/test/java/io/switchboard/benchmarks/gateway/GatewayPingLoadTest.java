package io.switchboard.benchmarks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayPingLoadTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheUsageOnHelp() {
    assertThat(run("--help")).isEqualTo(GatewayPingLoad.EXIT_OK);
    assertThat(printed(out)).isEqualTo(LoadOptions.USAGE);
  }

  @Test
  void reportsBadArgumentsWithTheUsageOnStderr() {
    assertThat(run("--connections", "0")).isEqualTo(GatewayPingLoad.EXIT_USAGE);
    assertThat(printed(err))
        .startsWith("error: --connections must be between 1 and 1024: 0")
        .endsWith(LoadOptions.USAGE);
    assertThat(printed(out)).isEmpty();
  }

  @Test
  void failsWhenTheTargetCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThat(run("--target", "127.0.0.1:" + closedPort, "--duration", "1s"))
        .isEqualTo(GatewayPingLoad.EXIT_FAILED);
    assertThat(printed(err))
        .startsWith("error: cannot open connection 1 of 8 to 127.0.0.1:" + closedPort + ": ");
  }

  @Test
  void printsTheReportOfARunAgainstAnInProcessNode() {
    assertThat(run("--connections", "1", "--duration", "300ms", "--warmup", "0s"))
        .isEqualTo(GatewayPingLoad.EXIT_OK);
    assertThat(printed(out))
        .contains("(in-process node) over 1 connections: 0.0 s warm-up, then 0.3 s measured")
        .contains("connections   1")
        .contains("throughput")
        .contains("p50", "p90", "p99", "p99.9", "max");
    assertThat(printed(err)).isEmpty();
  }

  private int run(String... args) {
    return GatewayPingLoad.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String printed(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
