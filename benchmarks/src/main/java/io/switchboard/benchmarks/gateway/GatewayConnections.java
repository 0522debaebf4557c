package io.switchboard.benchmarks.gateway;

import io.switchboard.benchmarks.load.GatewayAddress;
import io.switchboard.runtime.client.GatewayClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of established connections to one gateway, opened together and closed together.
 *
 * <p>Closing a connection while another thread waits on it for an answer makes that wait fail at
 * once, so closing the set also stops whatever still uses it.
 */
final class GatewayConnections implements AutoCloseable {

  private final List<GatewayClient> clients;

  private GatewayConnections(List<GatewayClient> clients) {
    this.clients = List.copyOf(clients);
  }

  /**
   * Opens {@code count} connections one after the other, each with its handshake.
   *
   * @param timeout bounds every connect and every later wait for an answer
   * @param clientName how the connections introduce themselves in the handshake
   * @throws IOException naming the target if any connection fails; the ones already open are closed
   */
  static GatewayConnections open(
      GatewayAddress target, int count, Duration timeout, String clientName) throws IOException {
    List<GatewayClient> opened = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        opened.add(GatewayClient.connect(target.host(), target.port(), timeout, clientName));
      }
      return new GatewayConnections(opened);
    } catch (IOException e) {
      IOException failure =
          new IOException(
              "cannot open connection " + (opened.size() + 1) + " of " + count + " to " + target,
              e);
      closeAll(opened, failure);
      throw failure;
    }
  }

  /** The connections, in the order they were opened. */
  List<GatewayClient> clients() {
    return clients;
  }

  /**
   * Closes every connection, even if closing one fails.
   *
   * @throws IOException the first failure to close, with the others suppressed
   */
  @Override
  public void close() throws IOException {
    IOException failure = new IOException("cannot close every gateway connection");
    closeAll(clients, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes every client, adding each failure to {@code failures} as a suppressed exception. */
  private static void closeAll(List<GatewayClient> clients, IOException failures) {
    for (GatewayClient client : clients) {
      try {
        client.close();
      } catch (IOException e) {
        failures.addSuppressed(e);
      }
    }
  }
}
