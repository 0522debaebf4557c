package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.GatewayAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime node in a process of its own ({@code io.switchboard.runtime.node.NodeMain}, a
 * standalone gateway-and-store node holding every shard), so that its heap holds the node alone.
 * Started on ephemeral loopback ports with a long idle timeout (idle connections are not pinged);
 * the ports are read from the line it prints once started.
 */
final class NodeProcess implements AutoCloseable {

  static final String MAIN_CLASS = "io.switchboard.runtime.node.NodeMain";
  static final String HOST = "127.0.0.1";
  static final Duration IDLE_TIMEOUT = Duration.ofHours(1);
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(120);

  private static final Pattern STARTED =
      Pattern.compile(".*started: gateway port (\\d+), admin port (\\d+).*");
  private static final Pattern CONNECTIONS_OPEN =
      Pattern.compile("switchboard_gateway_connections_open\\{[^}]*} (\\S+)");

  private final String nodeId;
  private final ChildProcess process;
  private final GatewayAddress gateway;
  private final int adminPort;

  private NodeProcess(String nodeId, ChildProcess process, GatewayAddress gateway, int adminPort) {
    this.nodeId = nodeId;
    this.process = process;
    this.gateway = gateway;
    this.adminPort = adminPort;
  }

  /**
   * Starts the node with its data in {@code directory}/data and its output in {@code
   * directory}/node.log; returns once its gateway listens.
   *
   * @param classpath a class path holding the runtime node and its dependencies
   * @throws IOException if it does not start within {@link #START_TIMEOUT}; it is stopped then
   */
  static NodeProcess start(String nodeId, String classpath, Path directory)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    List<String> command = new ArrayList<>();
    command.add(ChildProcess.javaLauncher());
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN_CLASS);
    command.addAll(
        List.of(
            "--node-id",
            nodeId,
            "--dc",
            InProcessMessagingCluster.dataCenters().get(0),
            "--data-dir",
            directory.resolve("data").toString(),
            "--host",
            HOST,
            "--idle-timeout-seconds",
            Long.toString(IDLE_TIMEOUT.toSeconds()),
            "--handshake-timeout-seconds",
            "60"));
    CompletableFuture<int[]> ports = new CompletableFuture<>();
    ChildProcess process =
        ChildProcess.start(
            nodeId,
            command,
            directory.resolve("node.log"),
            line -> {
              Matcher started = STARTED.matcher(line);
              if (started.matches()) {
                ports.complete(
                    new int[] {
                      Integer.parseInt(started.group(1)), Integer.parseInt(started.group(2))
                    });
              }
            });
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!ports.isDone()) {
        if (!process.isAlive()) {
          throw new IOException("node " + nodeId + " exited:\n" + process.lastLines());
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException(
              "node "
                  + nodeId
                  + " did not start within "
                  + START_TIMEOUT
                  + ":\n"
                  + process.lastLines());
        }
        try {
          ports.get(100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
          // check again
        }
      }
      int[] bound = ports.get();
      return new NodeProcess(nodeId, process, new GatewayAddress(HOST, bound[0]), bound[1]);
    } catch (ExecutionException | RuntimeException e) {
      process.close();
      throw new IOException("node " + nodeId + " did not start", e);
    } catch (IOException | InterruptedException e) {
      process.close();
      throw e;
    }
  }

  String nodeId() {
    return nodeId;
  }

  long pid() {
    return process.pid();
  }

  GatewayAddress gateway() {
    return gateway;
  }

  /**
   * The node's live heap by class: {@code jcmd <pid> GC.class_histogram}, which runs a full
   * collection first.
   */
  HeapHistogram heapHistogram() throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()),
                "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return jcmd.getInputStream().readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    if (!jcmd.waitFor(JCMD_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
      jcmd.destroyForcibly();
      throw new IOException("jcmd GC.class_histogram of " + nodeId + " took over " + JCMD_TIMEOUT);
    }
    String text;
    try {
      text = new String(output.get(), StandardCharsets.UTF_8);
    } catch (ExecutionException e) {
      throw new IOException("cannot read jcmd's output", e.getCause());
    }
    try {
      return HeapHistogram.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("jcmd GC.class_histogram of " + nodeId + " failed: " + e.getMessage());
    }
  }

  /** The resident set of the process ({@code VmRSS}), in bytes; -1 if unknown. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return -1;
  }

  /** The gateway's open client connections, from the admin endpoint's {@code /metrics}. */
  long connectionsOpen() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher open = CONNECTIONS_OPEN.matcher(response.body());
    if (response.statusCode() != 200 || !open.find()) {
      throw new IOException(
          "no switchboard_gateway_connections_open in the metrics of "
              + nodeId
              + ", status "
              + response.statusCode());
    }
    return (long) Double.parseDouble(open.group(1));
  }

  /** Stops the node: SIGTERM (its shutdown hook closes it gracefully), SIGKILL if it hangs. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "node " + nodeId + " " + process;
  }
}
