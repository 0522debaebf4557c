package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.messaging.MessagingLoadOptions.Phase;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagingLoadOptionsTest {

  @Test
  void defaultsToTheEmbeddedClusterClosedLoopAnd20000IdleConnections() {
    assertThat(MessagingLoadOptions.parse())
        .isEqualTo(
            new MessagingLoadOptions(
                Set.of(Phase.SEND, Phase.IDLE),
                64,
                16,
                Duration.ofSeconds(20),
                Duration.ofSeconds(40),
                SendRate.CLOSED_LOOP,
                new Topology(3),
                Replication.QUORUM,
                0.5,
                Duration.ZERO,
                100,
                20_000,
                OptionalInt.empty(),
                4,
                Optional.empty()));
  }

  @Test
  void readsEveryOption() {
    MessagingLoadOptions options =
        MessagingLoadOptions.parse(
            "--phases", "send",
            "--clients", "128",
            "--in-flight", "4",
            "--rate", "25000",
            "--duration", "10s",
            "--warmup", "0s",
            "--topology", "2-per-dc",
            "--replication", "single",
            "--cross-dc", "0.25",
            "--commit-window", "5ms",
            "--text-bytes", "32",
            "--target", "127.0.0.1:7100",
            "--idle-connections", "1000",
            "--idle-nodes", "2",
            "--idle-sources", "8");

    assertThat(options)
        .isEqualTo(
            new MessagingLoadOptions(
                Set.of(Phase.SEND),
                128,
                4,
                Duration.ofSeconds(10),
                Duration.ZERO,
                SendRate.fixed(25_000),
                new Topology(2),
                Replication.SINGLE,
                0.25,
                Duration.ofMillis(5),
                32,
                1_000,
                OptionalInt.of(2),
                8,
                Optional.of(new GatewayAddress("127.0.0.1", 7100))));
  }

  @Test
  void readsTheRateModes() {
    assertThat(MessagingLoadOptions.parse("--rate", "0").rate()).isEqualTo(SendRate.CLOSED_LOOP);
    assertThat(MessagingLoadOptions.parse("--rate", "half").rate()).isEqualTo(SendRate.HALF_OF_MAX);
    assertThat(MessagingLoadOptions.parse("--rate", "1").rate()).isEqualTo(SendRate.fixed(1));
  }

  @Test
  void readsTopologies() {
    assertThat(MessagingLoadOptions.parse("--topology", "1-per-dc").topology().nodesPerDc())
        .isEqualTo(1);
    assertThat(MessagingLoadOptions.parse("--topology", "16-per-dc").topology())
        .hasToString("16-per-dc");
    assertThat(MessagingLoadOptions.parse("--topology", "single").topology().isSingleNode())
        .isTrue();
  }

  @Test
  void replicatesByQuorumUnlessTheClusterIsOneNodeOrSingleCopyIsAskedFor() {
    assertThat(MessagingLoadOptions.parse().replication()).isEqualTo(Replication.QUORUM);
    assertThat(MessagingLoadOptions.parse("--topology", "2-per-dc").replication())
        .isEqualTo(Replication.QUORUM);
    assertThat(MessagingLoadOptions.parse("--replication", "single").replication())
        .isEqualTo(Replication.SINGLE);
    assertThat(MessagingLoadOptions.parse("--topology", "single").replication())
        .isEqualTo(Replication.SINGLE);
    assertThat(MessagingLoadOptions.parse("--replication", "quorum").replication())
        .hasToString("quorum");
  }

  @Test
  void zeroIdleConnectionsSkipsTheIdlePhase() {
    assertThat(MessagingLoadOptions.parse("--idle-connections", "0").phases())
        .containsExactly(Phase.SEND);
    assertThat(MessagingLoadOptions.parse("--phases", "idle").phases()).containsExactly(Phase.IDLE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--clients 1                       | --clients must be between 2 and 4096: 1",
        "--clients many                    | --clients must be an integer: many",
        "--in-flight 65                    | --in-flight must be between 1 and 64: 65",
        "--rate -5                         | --rate must not be negative: -5",
        "--rate fast                       | --rate must be 0, half or a whole number",
        "--rate 10000001                   | --rate must be 0, half or a rate from 1 to 10000000",
        "--duration 0s                     | --duration must be positive",
        "--warmup 61m                      | --warmup must be at most 60m",
        "--topology 0-per-dc               | --topology must be single or N-per-dc",
        "--topology 17-per-dc              | nodes per data centre must be between 1 and 16: 17",
        "--topology cluster                | --topology must be single or N-per-dc",
        "--replication raft                | --replication must be quorum or single: raft",
        "--topology single --replication quorum | --replication quorum needs an N-per-dc topology",
        "--cross-dc 1.5                    | --cross-dc must be between 0 and 1: 1.5",
        "--cross-dc NaN                    | --cross-dc must be between 0 and 1: NaN",
        "--commit-window 2s                | --commit-window must be at most 1000ms",
        "--topology single --commit-window 5ms | --commit-window needs an N-per-dc topology",
        "--text-bytes 4097                 | --text-bytes must be between 1 and 4096: 4097",
        "--idle-connections -1             | --idle-connections must be between 1 and 1000000: -1",
        "--idle-nodes 0                    | --idle-nodes must be between 1 and 64: 0",
        "--idle-sources 251                | --idle-sources must be between 1 and 250: 251",
        "--phases send,busy                | --phases: unknown phase 'busy'",
        "--phases idle --idle-connections 0 | --idle-connections 0 leaves no phase to run",
        "--target localhost                | --target: expected host:port, got: localhost",
        "--connections 8                   | unknown option: --connections",
        "--clients                         | --clients needs a value",
      })
  void rejectsBadArguments(String arguments, String problem) {
    assertThatThrownBy(() -> MessagingLoadOptions.parse(arguments.trim().split(" +")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(problem);
  }
}
