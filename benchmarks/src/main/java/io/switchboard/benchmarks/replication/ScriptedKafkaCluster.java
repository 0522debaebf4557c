package io.switchboard.benchmarks.replication;

import io.switchboard.benchmarks.load.Directories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three-broker Kafka cluster of {@code benchmarks/kafka/kafka-cluster.sh}, started for one
 * comparison run and stopped at its end.
 *
 * <ul>
 *   <li>{@link #start} runs {@code kafka-cluster.sh start --dir DIR --base-port P} (which fetches
 *       the broker jars from Maven Central when they are missing and waits until every broker is
 *       up) and takes the bootstrap address from the last line of its output. If the start fails,
 *       it runs {@code stop} before throwing: nodes that did start are not left running.
 *   <li>From just before the start until {@link #close}, a shutdown hook stops the cluster if the
 *       JVM exits (Ctrl-C, {@code System.exit}) before {@link #close} did.
 *   <li>{@link #close} runs {@code kafka-cluster.sh stop --dir DIR} (SIGTERM, SIGKILL after the
 *       script's timeout) and deletes DIR if it was created for this run. Idempotent.
 * </ul>
 *
 * <p>The script's output (progress on its stderr, the bootstrap address on its stdout) is copied to
 * the run's output, each line prefixed with {@code kafka-cluster.sh: }.
 */
final class ScriptedKafkaCluster implements AutoCloseable {

  /** Bounds {@code start}, which may fetch about 43 MB of jars first. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  /** Bounds {@code stop}: the script kills nodes that are still up after 60 s. */
  static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

  private final Path script;
  private final Path dir;
  private final boolean deleteDir;
  private final PrintStream out;
  private final Thread shutdownHook;
  private String bootstrap;
  private boolean closed;

  private ScriptedKafkaCluster(Path script, Path dir, boolean deleteDir, PrintStream out) {
    this.script = script.toAbsolutePath();
    this.dir = dir.toAbsolutePath();
    this.deleteDir = deleteDir;
    this.out = out;
    this.shutdownHook = new Thread(this::stopQuietly, "kafka-cluster-stop");
  }

  /**
   * Starts the cluster in {@code dir} with brokers on {@code basePort} and the next two ports.
   *
   * @param deleteDir whether {@code dir} was created for this run and goes at the end
   * @throws IOException when the script fails or times out; the cluster is stopped by then
   */
  static ScriptedKafkaCluster start(
      Path script, Path dir, boolean deleteDir, int basePort, PrintStream out)
      throws IOException, InterruptedException {
    ScriptedKafkaCluster cluster = new ScriptedKafkaCluster(script, dir, deleteDir, out);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      List<String> lines =
          cluster.script(
              START_TIMEOUT,
              "start",
              "--dir",
              cluster.dir.toString(),
              "--base-port",
              "" + basePort);
      if (lines.isEmpty()) {
        throw new IOException("kafka-cluster.sh start printed no bootstrap address");
      }
      cluster.bootstrap = lines.get(lines.size() - 1).trim();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      try {
        cluster.close();
      } catch (IOException | RuntimeException stopFailed) {
        e.addSuppressed(stopFailed);
      }
      throw e;
    }
  }

  /** The brokers as {@code kafka-cluster.sh start} printed them: {@code host:port,...}. */
  String bootstrap() {
    return bootstrap;
  }

  /**
   * Stops the cluster and deletes its directory if it was created for this run.
   *
   * @throws IOException when the script fails or times out
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      script(STOP_TIMEOUT, "stop", "--dir", dir.toString());
      if (deleteDir) {
        Directories.deleteRecursively(dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the Kafka cluster in " + dir, e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it finds the cluster closed.
      }
    }
  }

  /** The shutdown hook: stops the cluster unless {@link #close} already did. */
  private void stopQuietly() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    out.println("kafka-cluster.sh: the JVM is exiting: stopping the Kafka cluster in " + dir);
    try {
      close();
    } catch (IOException | RuntimeException e) {
      out.println("kafka-cluster.sh: could not stop the Kafka cluster: " + e.getMessage());
    }
  }

  /**
   * Runs the script with {@code args}, copying its output (stdout and stderr) to {@link #out}.
   *
   * @return the lines it printed
   * @throws IOException when it exits with another status than 0 or outlives {@code timeout}
   */
  private List<String> script(Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader output =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                  out.println("kafka-cluster.sh: " + line);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "kafka-cluster-output");
    reader.setDaemon(true);
    reader.start();
    String what = "kafka-cluster.sh " + String.join(" ", args);
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s");
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    if (process.exitValue() != 0) {
      throw new IOException(what + " exited with status " + process.exitValue());
    }
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
