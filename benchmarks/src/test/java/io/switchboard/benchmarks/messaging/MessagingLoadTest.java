package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagingLoadTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheUsageOnHelp() {
    assertThat(run("--help")).isEqualTo(MessagingLoad.EXIT_OK);
    assertThat(printed(out)).isEqualTo(MessagingLoadOptions.USAGE);
  }

  @Test
  void reportsBadArgumentsWithTheUsageOnStderr() {
    assertThat(run("--clients", "1")).isEqualTo(MessagingLoad.EXIT_USAGE);
    assertThat(printed(err))
        .startsWith("error: --clients must be between 2 and 4096: 1")
        .endsWith(MessagingLoadOptions.USAGE);
    assertThat(printed(out)).isEmpty();
  }

  @Test
  void runsTheHalfRateCheckAgainstASingleInProcessNode() {
    assertThat(
            run(
                "--phases", "send",
                "--topology", "single",
                "--clients", "4",
                "--in-flight", "2",
                "--rate", "half",
                "--duration", "500ms",
                "--warmup", "0s"))
        .isEqualTo(MessagingLoad.EXIT_OK);
    assertThat(printed(out))
        .contains("send phase: 1 node (gateway+store, all 1024 shards) in this JVM")
        .contains("closed loop, 2 in flight per client")
        .contains("half-rate check: open loop at")
        .contains("index bytes per stored message");
    assertThat(printed(err)).isEmpty();
  }

  private int run(String... args) {
    return MessagingLoad.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String printed(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
