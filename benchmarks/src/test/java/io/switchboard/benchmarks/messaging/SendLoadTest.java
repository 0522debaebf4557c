package io.switchboard.benchmarks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.messaging.IndexFootprint;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

/** Short runs against a single in-process node. */
class SendLoadTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private InProcessMessagingCluster cluster;
  private FrameClient client;
  private List<LoadUser> users;

  @BeforeEach
  void registerUsers() throws Exception {
    cluster = InProcessMessagingCluster.start(Topology.SINGLE);
    client = new FrameClient(1, SendPhase.CLIENT_THREADS);
    users =
        LoadUser.register(
            client,
            8,
            InProcessMessagingCluster.dataCenters(),
            index -> cluster.gatewaysIn("europe").get(0),
            Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    cluster.close();
    cluster.deleteData();
  }

  @Test
  void aClosedLoopRunRecordsEveryAcknowledgedSendAndTheLogsFsyncs() throws Exception {
    SendResult result = load(SendRate.CLOSED_LOOP).run();

    assertThat(result.acknowledged()).isPositive();
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.acknowledged());
    assertThat(result.failures()).isEmpty();
    assertThat(result.measured()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(result.throughputPerSecond()).isPositive();
    assertThat(result.latencyMillis(50)).isPositive().isLessThanOrEqualTo(result.latencyMillis(99));
    assertThat(result.crossDc()).isPositive().isLessThan(result.acknowledged());
    assertThat(result.pushes()).isPositive();
    LogWindow window = result.log().orElseThrow();
    assertThat(window.during().fsyncs()).isPositive();
    assertThat(window.acknowledgedSends()).isPositive();
    assertThat(window.sendsPerFsync()).isPositive();
    assertThat(window.coresBusy())
        .as("this JVM did the work, on at most every core")
        .isPositive()
        .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() * 1.05);
    assertThat(window.cpuMicrosPerSend()).isPositive();
    assertThat(window.allocatedBytesPerSend())
        .as("a send allocates at least its request and its answer frame")
        .isGreaterThan(100)
        .isLessThan(10_000_000);
    assertThat(result.report())
        .contains(
            "durable acknowledged sends/s",
            "p99.9",
            "sends/fsync",
            "us per acknowledged send",
            "KB of heap per acknowledged send");
    if (OS.LINUX.isCurrentOs()) {
      assertThat(window.switches())
          .as("every role waits for work at least once in a window")
          .containsKeys(
              ThreadSwitches.Role.LOG_WRITERS,
              ThreadSwitches.Role.EVENT_LOOPS,
              ThreadSwitches.Role.STORE_WORKERS,
              ThreadSwitches.Role.LOAD_GENERATOR)
          .allSatisfy((role, count) -> assertThat(count).as(role.label()).isPositive());
      assertThat(result.report()).contains("voluntary context switches per acknowledged send");
    }

    cluster.close();
    InProcessMessagingCluster.ClosedLogs logs = cluster.readClosedLogs();
    IndexFootprint index = logs.index();
    assertThat(index.storedMessages()).isGreaterThanOrEqualTo(result.acknowledged());
    assertThat(index.bytesPerStoredMessage()).isPositive();
    assertThat(logs.recordsByKind())
        .containsEntry("REGISTER_USER", 8L)
        .hasEntrySatisfying(
            "SEND_MESSAGE",
            sends -> assertThat(sends).isGreaterThanOrEqualTo(result.acknowledged()));
  }

  @Test
  void anOpenLoopRunSendsAtTheRequestedRate() throws Exception {
    SendResult result = load(SendRate.fixed(200)).run();

    assertThat(result.acknowledged()).isBetween(180L, 220L);
    assertThat(result.latencyNanos().getTotalCount()).isEqualTo(result.acknowledged());
    assertThat(result.describeMode()).contains("open loop at 200 sends/s");
    assertThat(result.log()).isPresent();
  }

  private SendLoad load(SendRate rate) {
    return new SendLoad(
        users,
        rate,
        4,
        0.5,
        20,
        Duration.ofMillis(300),
        Duration.ofSeconds(1),
        () -> Optional.of(cluster.logStats()),
        client.pushes(),
        QUIET);
  }
}
