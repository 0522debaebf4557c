package io.switchboard.benchmarks.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JVM this benchmark started: its output (stdout and stderr merged) is copied line by line to a
 * log file and handed to a line consumer on a reader thread; the last lines are kept for error
 * messages. {@link #close()} asks it to stop (SIGTERM) and kills it if it has not ended in time. A
 * shutdown hook of this JVM kills it too, so no child outlives an interrupted run.
 */
final class ChildProcess implements AutoCloseable {

  private static final int KEPT_LINES = 20;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final Thread killOnExit;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.killOnExit = new Thread(process::destroyForcibly, name + "-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** The {@code java} launcher of this JVM. */
  static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts {@code command}.
   *
   * @param lines receives every output line, on the reader thread
   */
  static ChildProcess start(String name, List<String> command, Path logFile, Consumer<String> lines)
      throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    ChildProcess child = new ChildProcess(name, process, logFile);
    Thread reader = new Thread(() -> child.copyOutput(lines), name + "-output");
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Where its input goes; closing it tells a holder to let its connections go. */
  PrintStream input() {
    return new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** Its last lines of output, for an error message. */
  synchronized String lastLines() {
    return String.join("\n", lastLines);
  }

  /** Waits at most {@code timeout} for it to end; whether it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops it: SIGTERM, then SIGKILL after {@value #STOP_TIMEOUT} seconds. Idempotent. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + logFile + ")";
  }

  private void copyOutput(Consumer<String> lines) {
    try (BufferedReader output =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var log =
            Files.newBufferedWriter(
                logFile,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      String line;
      while ((line = output.readLine()) != null) {
        log.write(line);
        log.newLine();
        log.flush();
        synchronized (this) {
          if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
          }
          lastLines.addLast(line);
        }
        lines.accept(line);
      }
    } catch (IOException e) {
      // the process ended or its log cannot be written; its exit shows in the caller's checks
    }
  }
}
