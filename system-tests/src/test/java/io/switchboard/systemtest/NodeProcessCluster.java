package io.switchboard.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster of runtime nodes, each its own JVM ({@code io.switchboard.runtime.node.NodeMain
 * --cluster FILE --placement balanced}) started from the test's class path, on fixed free ports
 * written to a cluster file: the shape a control plane attaches to with {@code
 * switchboard.remote.cluster-file}. {@link #kill} ends a node with SIGKILL; {@link #start} starts
 * it again on its data directory.
 */
final class NodeProcessCluster implements AutoCloseable {

  /** A node to run: its id and data centre. */
  record Member(String nodeId, String dc) {}

  private record Ports(int gateway, int admin, int peer) {}

  private final Path dir;
  private final Path clusterFile;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, Ports> ports = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private NodeProcessCluster(Path dir, List<Member> nodes) throws IOException {
    this.dir = dir;
    this.clusterFile = Files.createDirectories(dir).resolve("cluster.txt");
    StringBuilder file = new StringBuilder("# node-id dc host gateway admin peer\n");
    for (Member member : nodes) {
      Ports bound = new Ports(ListenPorts.next(), ListenPorts.next(), ListenPorts.next());
      members.put(member.nodeId(), member);
      ports.put(member.nodeId(), bound);
      file.append(
          String.join(
                  " ",
                  member.nodeId(),
                  member.dc(),
                  "127.0.0.1",
                  Integer.toString(bound.gateway()),
                  Integer.toString(bound.admin()),
                  Integer.toString(bound.peer()))
              + "\n");
    }
    Files.writeString(clusterFile, file);
  }

  /** Writes the cluster file under {@code dir}, starts every node and waits until all serve. */
  static NodeProcessCluster start(Path dir, List<Member> nodes) throws Exception {
    NodeProcessCluster cluster = new NodeProcessCluster(dir, nodes);
    try {
      for (String node : cluster.members.keySet()) {
        cluster.launch(node);
      }
      for (String node : cluster.members.keySet()) {
        cluster.awaitServing(node);
      }
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  Path clusterFile() {
    return clusterFile;
  }

  /** The gateway port of {@code node} (on 127.0.0.1). */
  int gatewayPort(String node) {
    return ports.get(node).gateway();
  }

  /** Ends the node's process with SIGKILL and waits until it is gone. */
  void kill(String node) throws InterruptedException {
    Process process = processes.remove(node);
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts a killed node again on its data directory and waits until it serves. */
  void start(String node) throws Exception {
    launch(node);
    awaitServing(node);
  }

  /** The last part of a node's output, for failure messages. */
  String output(String node) {
    try {
      String text = Files.readString(logOf(node));
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (String node : new ArrayList<>(processes.keySet())) {
      kill(node);
    }
  }

  private void launch(String node) throws IOException {
    Member member = members.get(node);
    List<String> command =
        List.of(
            RunningControlPlane.javaExecutable(),
            "-Xmx192m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "io.switchboard.runtime.node.NodeMain",
            "--node-id",
            node,
            "--dc",
            member.dc(),
            "--data-dir",
            dir.resolve(node).toString(),
            "--cluster",
            clusterFile.toString(),
            "--placement",
            "balanced");
    processes.put(
        node,
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(node).toFile()))
            .start());
  }

  private void awaitServing(String node) {
    URI health = URI.create("http://127.0.0.1:" + ports.get(node).admin() + "/health");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Process process = processes.get(node);
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "node " + node + " exited with " + process.exitValue() + ":\n" + output(node));
              }
              try {
                return http.send(
                            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private Path logOf(String node) {
    return dir.resolve(node + ".log");
  }
}
