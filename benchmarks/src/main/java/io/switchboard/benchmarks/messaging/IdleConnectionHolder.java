package io.switchboard.benchmarks.messaging;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.benchmarks.load.OptionPairs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client side of the idle phase, in a process of its own (each process may only hold as many
 * sockets as its open-file limit allows): opens idle connections to one gateway and holds them
 * until its input ends.
 *
 * <pre>
 * IdleConnectionHolder --target HOST:PORT --connections N --tokens FILE --sources A,B,...
 * </pre>
 *
 * <ol>
 *   <li>Read the tokens, one per line.
 *   <li>Open the connections on one event loop thread, at most {@value #CONCURRENCY} being set up
 *       at a time: connection {@code i} comes from source address {@code sources[i % sources]} (any
 *       port), handshakes and authenticates with token {@code i % tokens}. Print {@code opened
 *       <count>} every half second.
 *   <li>Print {@code held <count>} once every connection is authenticated, or {@code failed
 *       <reason>} at the first failure and exit 2.
 *   <li>Hold the connections, sending nothing, until the standard input ends; then close them and
 *       exit 0.
 * </ol>
 */
public final class IdleConnectionHolder {

  static final int CONCURRENCY = 256;

  /** Bounds the setup of each connection: connect, handshake, authenticate. */
  static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

  static final String OPENED = "opened ";
  static final String HELD = "held ";
  static final String FAILED = "failed ";

  private static final List<String> OPTIONS =
      List.of("--target", "--connections", "--tokens", "--sources");

  private IdleConnectionHolder() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try {
      OptionPairs options = OptionPairs.parse(OPTIONS, args);
      GatewayAddress target = GatewayAddress.parse(options.text("--target").orElseThrow());
      int connections = options.integer("--connections", 0);
      List<String> tokens = Files.readAllLines(Path.of(options.text("--tokens").orElseThrow()));
      List<InetAddress> sources = new ArrayList<>();
      for (String source : options.text("--sources").orElseThrow().split(",")) {
        sources.add(InetAddress.getByName(source));
      }
      try (FrameClient client = new FrameClient(1, "idle-holder")) {
        int held = open(client, target, connections, tokens, sources, out);
        out.println(HELD + held);
        awaitEnd(System.in);
      }
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      out.println(FAILED + e.getMessage());
      System.exit(2);
    } catch (InterruptedException e) {
      out.println(FAILED + "interrupted");
      System.exit(2);
    }
  }

  /**
   * Opens and authenticates the connections (step 2 of the class comment).
   *
   * @return how many are open and authenticated
   * @throws IOException at the first connection that fails
   */
  static int open(
      FrameClient client,
      GatewayAddress target,
      int count,
      List<String> tokens,
      List<InetAddress> sources,
      PrintStream progress)
      throws IOException, InterruptedException {
    Semaphore settingUp = new Semaphore(CONCURRENCY);
    LongAdder opened = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ConcurrentLinkedQueue<FrameConnection> held = new ConcurrentLinkedQueue<>();
    long nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    for (int i = 0; i < count && acquireUnlessFailed(settingUp, failure); i++) {
      if (System.nanoTime() - nextProgress > 0) {
        progress.println(OPENED + opened.sum());
        nextProgress += TimeUnit.MILLISECONDS.toNanos(500);
      }
      String token = tokens.get(i % tokens.size());
      client
          .connect(target, sources.get(i % sources.size()))
          .thenCompose(
              connection ->
                  connection
                      .handshake(LoadUser.CLIENT_NAME)
                      .thenCompose(accepted -> connection.authenticate(token))
                      .thenApply(authenticated -> connection))
          .orTimeout(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .whenComplete(
              (connection, error) -> {
                if (error == null) {
                  held.add(connection);
                  opened.increment();
                } else {
                  failure.compareAndSet(null, error);
                }
                settingUp.release();
              });
    }
    settingUp.acquire(CONCURRENCY);
    if (failure.get() != null) {
      Throwable cause = failure.get();
      throw new IOException(
          "connection "
              + (opened.sum() + 1)
              + " of "
              + count
              + " failed: "
              + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage()),
          cause);
    }
    progress.println(OPENED + opened.sum());
    return held.size();
  }

  /** Takes a permit; false, without one, once a connection has failed. */
  private static boolean acquireUnlessFailed(Semaphore permits, AtomicReference<Throwable> failure)
      throws InterruptedException {
    while (failure.get() == null) {
      if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  private static void awaitEnd(InputStream in) throws IOException {
    byte[] ignored = new byte[256];
    while (in.read(ignored) >= 0) {
      // hold the connections
    }
  }

  /** The holder's command line for a child process. */
  static List<String> command(
      String classpath, GatewayAddress target, int connections, Path tokens, List<String> sources) {
    return List.of(
        ChildProcess.javaLauncher(),
        "-Xmx1g",
        "-cp",
        classpath,
        IdleConnectionHolder.class.getName(),
        "--target",
        target.toString(),
        "--connections",
        Integer.toString(connections),
        "--tokens",
        tokens.toString(),
        "--sources",
        String.join(",", sources));
  }
}
