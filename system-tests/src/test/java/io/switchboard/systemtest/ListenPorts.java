package io.switchboard.systemtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out TCP ports for the processes a test starts, which bind them seconds later.
 *
 * <p>A port from {@code new ServerSocket(0)} comes from the kernel's ephemeral range, the same
 * range every outbound connection on the machine takes its local port from: between the probe and
 * the child's bind, some connection (the build, a browser, another process's peer link) can take it
 * and the child dies at start with "Address already in use". Ports handed out here lie below the
 * ephemeral range (Linux's default starts at 32768), go up from a random base so two test JVMs
 * rarely meet, are never handed out twice by one JVM, and were bindable when handed out.
 */
final class ListenPorts {

  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(LOWEST + ThreadLocalRandom.current().nextInt(HIGHEST - LOWEST));

  private ListenPorts() {}

  /** A port that nothing listened on a moment ago and this JVM has not handed out. */
  static int next() {
    for (int tries = 0; tries < HIGHEST - LOWEST; tries++) {
      int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, HIGHEST - LOWEST);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + LOWEST + "-" + HIGHEST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
