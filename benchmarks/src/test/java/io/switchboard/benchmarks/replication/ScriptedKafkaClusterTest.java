package io.switchboard.benchmarks.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's lifecycle against a stand-in for {@code kafka-cluster.sh} that logs how it was
 * called: no Kafka runs here.
 */
class ScriptedKafkaClusterTest {

  @TempDir Path temp;

  private Path script;
  private Path calls;
  private Path clusterDir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void writeTheStandIn() throws IOException {
    script = temp.resolve("kafka-cluster.sh");
    calls = temp.resolve("calls.log");
    clusterDir = Files.createDirectory(temp.resolve("cluster"));
    Files.writeString(
        script,
        """
        #!/usr/bin/env bash
        echo "$*" >>"$(dirname "$0")/calls.log"
        if [[ "$1" == start ]]; then
          echo "kafka-cluster: started" >&2
          [[ -f "$(dirname "$0")/fail-start" ]] && { echo "kafka-cluster: error: node 2 exited" >&2; exit 1; }
          echo "127.0.0.1:$5,127.0.0.1:$(($5 + 1)),127.0.0.1:$(($5 + 2))"
        fi
        """);
  }

  @Test
  void startsWithTheDirAndPortsAndStopsOnCloseDeletingItsOwnDirectory() throws Exception {
    ScriptedKafkaCluster cluster =
        ScriptedKafkaCluster.start(script, clusterDir, true, 29_092, stream());

    assertThat(cluster.bootstrap()).isEqualTo("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    cluster.close();
    cluster.close();

    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "start --dir " + clusterDir.toAbsolutePath() + " --base-port 29092",
            "stop --dir " + clusterDir.toAbsolutePath());
    assertThat(clusterDir).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("kafka-cluster.sh: kafka-cluster: started\n");
  }

  @Test
  void keepsADirectoryItWasGiven() throws Exception {
    ScriptedKafkaCluster.start(script, clusterDir, false, 29_092, stream()).close();

    assertThat(clusterDir).isDirectory();
  }

  @Test
  void stopsTheNodesThatDidStartWhenTheStartFails() throws IOException {
    Files.createFile(temp.resolve("fail-start"));

    assertThatThrownBy(() -> ScriptedKafkaCluster.start(script, clusterDir, true, 29_092, stream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("kafka-cluster.sh start --dir")
        .hasMessageEndingWith("exited with status 1");

    List<String> called = Files.readAllLines(calls);
    assertThat(called).hasSize(2);
    assertThat(called.get(1)).isEqualTo("stop --dir " + clusterDir.toAbsolutePath());
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("kafka-cluster.sh: kafka-cluster: error: node 2 exited");
  }

  @Test
  void theKafkaSideStopsTheClusterWhenTheLoadFails() throws IOException {
    ComparisonOptions options =
        ComparisonOptions.parse(
            "--kafka-script", script.toString(),
            "--kafka-dir", clusterDir.toString(),
            "--kafka-base-port", "29092");
    List<String> bootstraps = new ArrayList<>();

    assertThatThrownBy(
            () ->
                QuorumVsKafka.scriptedKafka(
                    options,
                    stream(),
                    (load, progress) -> {
                      bootstraps.add(load.bootstrap());
                      throw new IOException("cannot make topic switchboard-load ready");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot make topic switchboard-load ready");

    assertThat(bootstraps).containsExactly("127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094");
    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "start --dir " + clusterDir.toAbsolutePath() + " --base-port 29092",
            "stop --dir " + clusterDir.toAbsolutePath());
  }

  private PrintStream stream() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
