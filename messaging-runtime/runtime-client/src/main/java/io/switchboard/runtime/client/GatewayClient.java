package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.HandshakeAccepted;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A connection to one gateway, established by a successful handshake.
 *
 * <p>Requests are blocking and serialised: one outstanding request at a time, so the client is safe
 * to share between threads. Request ids start at 1 with the handshake and increase by one per
 * request. Every wait for the gateway is bounded by the timeout given to {@link #connect}.
 *
 * <p>A {@link GatewayException} leaves the connection usable unless the gateway closes it (it does
 * for fatal codes). Any other {@link IOException} closes the connection; connect again to continue.
 */
public final class GatewayClient implements AutoCloseable {

  private final FramedConnection connection;
  private final HandshakeAccepted handshake;
  private long lastRequestId;

  private GatewayClient(FramedConnection connection, HandshakeAccepted handshake, long requestId) {
    this.connection = connection;
    this.handshake = handshake;
    this.lastRequestId = requestId;
  }

  /**
   * Connects to the gateway at {@code host:port} and performs the handshake with {@link
   * FrameCodec#PROTOCOL_VERSION}.
   *
   * @param timeout bounds the connect and every later wait for an answer
   * @param clientName identifies the client software in the gateway's logs and metrics
   * @throws GatewayException if the gateway rejects the handshake; the connection is closed
   * @throws IOException if the gateway cannot be reached or answers nonsense
   */
  public static GatewayClient connect(String host, int port, Duration timeout, String clientName)
      throws IOException {
    FramedConnection connection = FramedConnection.open(host, port, timeout);
    long requestId = 1;
    try {
      ServerFrame answer =
          connection.exchange(
              ClientFrame.newBuilder()
                  .setRequestId(requestId)
                  .setHandshake(
                      Handshake.newBuilder()
                          .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                          .setClientName(clientName))
                  .build());
      if (!answer.hasHandshakeAccepted()) {
        throw new IOException("gateway answered the handshake with " + answer.getBodyCase());
      }
      return new GatewayClient(connection, answer.getHandshakeAccepted(), requestId);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** What the gateway announced when it accepted the connection. */
  public HandshakeAccepted handshake() {
    return handshake;
  }

  /**
   * Sends a ping with a random payload and waits for the pong.
   *
   * @return the round-trip time, measured on the monotonic {@link System#nanoTime()}
   * @throws IOException if the pong does not come, or echoes another payload
   */
  public synchronized Duration ping() throws IOException {
    long payload = ThreadLocalRandom.current().nextLong();
    long sentAt = System.nanoTime();
    ServerFrame answer =
        connection.exchange(
            ClientFrame.newBuilder()
                .setRequestId(++lastRequestId)
                .setPing(Ping.newBuilder().setPayload(payload))
                .build());
    Duration roundTrip = Duration.ofNanos(System.nanoTime() - sentAt);
    if (!answer.hasPong() || answer.getPong().getPayload() != payload) {
      connection.close();
      throw new IOException("gateway answered a ping with payload " + payload + " by " + answer);
    }
    return roundTrip;
  }

  /** Closes the connection. Idempotent. */
  @Override
  public void close() throws IOException {
    connection.close();
  }
}
