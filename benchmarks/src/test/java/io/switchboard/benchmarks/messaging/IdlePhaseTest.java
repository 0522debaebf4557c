package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IdlePhaseTest {

  @Test
  void usesAsFewProcessesAsTheOpenFileLimitAllows() {
    assertThat(IdlePhase.processesFor(20_000, OptionalLong.of(20_000))).isEqualTo(2);
    assertThat(IdlePhase.processesFor(19_488, OptionalLong.of(20_000))).isEqualTo(1);
    assertThat(IdlePhase.processesFor(20_000, OptionalLong.of(1_048_576))).isEqualTo(1);
    assertThat(IdlePhase.processesFor(20_000, OptionalLong.empty())).isEqualTo(1);
    assertThat(IdlePhase.processesFor(100, OptionalLong.of(100))).isEqualTo(100);
  }

  @Test
  void splitsConnectionsEvenly() {
    assertThat(IdlePhase.shares(20_000, 2)).containsExactly(10_000, 10_000);
    assertThat(IdlePhase.shares(10, 3)).containsExactly(4, 3, 3);
  }

  @Test
  void takesLoopbackSourceAddressesFrom127002() {
    assertThat(IdlePhase.sourceAddresses(3)).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
  }

  @Test
  void readsThisProcesssOpenFileLimit() {
    assertThat(IdlePhase.openFileLimit()).isPresent();
    assertThat(IdlePhase.openFileLimit().getAsLong()).isPositive();
  }

  @Test
  void measuresTheHeapOfIdleConnectionsHeldAgainstANodeProcess() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    MessagingLoadOptions options =
        MessagingLoadOptions.parse(
            "--phases",
            "idle",
            "--idle-connections",
            "30",
            "--idle-nodes",
            "1",
            "--idle-sources",
            "2");

    IdlePhase.Result result =
        new IdlePhase(
                options,
                System.getProperty("java.class.path"),
                new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();

    assertThat(result.nodes()).hasSize(1);
    assertThat(result.connectionsOpen()).isEqualTo(30);
    assertThat(result.heapBytesPerConnection()).isPositive();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("holding 30 idle authenticated connections")
        .contains("bytes per idle authenticated connection");
  }
}
