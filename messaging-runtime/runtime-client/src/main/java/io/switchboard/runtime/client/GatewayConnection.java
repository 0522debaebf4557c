package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.Update;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One TCP connection to a gateway, multiplexing pipelined requests: any thread sends, one reader
 * thread receives.
 *
 * <ol>
 *   <li>{@link #request} gives the frame the next request id (1, 2, 3, ...), registers a future
 *       under it and writes the frame; the future completes with the frame that carries the id,
 *       error frames included, or fails with a {@link java.util.concurrent.TimeoutException} after
 *       the timeout.
 *   <li>The reader thread decodes frames in arrival order. A frame with a request id completes that
 *       request's future (an id nobody waits for any more, after a timeout, is dropped). A frame
 *       with request id 0 is an {@link Update}, handed to the push consumer, or a fatal error,
 *       remembered as the reason the gateway is about to close.
 *   <li>When the stream ends (EOF, I/O error, undecodable frame, {@link #close}), the socket is
 *       closed, every outstanding request fails with a {@link ConnectionLostException} and the
 *       closed callback runs once, on the reader thread.
 * </ol>
 *
 * <p>Thread-safe. Writes are serialised and may block while the socket's send buffer is full.
 */
final class GatewayConnection implements AutoCloseable {

  private static final System.Logger log = System.getLogger(GatewayConnection.class.getName());
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private final GatewayAddress address;
  private final Socket socket;
  private final OutputStream out;
  private final Consumer<Update> pushes;
  private final BiConsumer<GatewayConnection, IOException> closed;
  private final ConcurrentMap<Long, CompletableFuture<ServerFrame>> outstanding =
      new ConcurrentHashMap<>();
  private final AtomicLong lastRequestId = new AtomicLong();
  private volatile boolean ended;
  private volatile GatewayException fatalError;

  private GatewayConnection(
      GatewayAddress address,
      Socket socket,
      Consumer<Update> pushes,
      BiConsumer<GatewayConnection, IOException> closed)
      throws IOException {
    this.address = address;
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.pushes = pushes;
    this.closed = closed;
  }

  /**
   * Connects and starts the reader thread.
   *
   * @param connectTimeout bounds the TCP connect
   * @param pushes receives every pushed update, on the reader thread
   * @param closed told once, on the reader thread, that the connection ended and why
   * @throws IOException if the connection cannot be established
   */
  static GatewayConnection open(
      GatewayAddress address,
      Duration connectTimeout,
      Consumer<Update> pushes,
      BiConsumer<GatewayConnection, IOException> closed)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(address.host(), address.port()),
          Math.toIntExact(connectTimeout.toMillis()));
      socket.setTcpNoDelay(true);
      GatewayConnection connection = new GatewayConnection(address, socket, pushes, closed);
      Thread reader = new Thread(connection::readUntilEnd, "switchboard-client-reader-" + address);
      reader.setDaemon(true);
      reader.start();
      return connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  GatewayAddress address() {
    return address;
  }

  /**
   * Whether the connection has ended. True before the closed callback runs, so a caller that checks
   * this and the callback that runs under the same lock never both miss the end.
   */
  boolean hasEnded() {
    return ended;
  }

  /**
   * Sends {@code request} under the next request id.
   *
   * @param request the request, its {@code request_id} left unset
   * @param timeout how long to wait for the answer
   * @return the answering frame, possibly an error; fails with {@link ConnectionLostException} if
   *     the connection ends first, with a {@link java.util.concurrent.TimeoutException} after the
   *     timeout
   */
  CompletableFuture<ServerFrame> request(ClientFrame request, Duration timeout) {
    long requestId = lastRequestId.incrementAndGet();
    CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
    outstanding.put(requestId, answer);
    answer
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete((frame, failure) -> outstanding.remove(requestId));
    if (ended) {
      answer.completeExceptionally(lost(null));
      return answer;
    }
    byte[] frame = FrameCodec.encode(request.toBuilder().setRequestId(requestId).build());
    try {
      synchronized (out) {
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      close();
      answer.completeExceptionally(lost(e));
    }
    return answer;
  }

  /** Closes the socket; the reader thread then ends the connection. Idempotent. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      log.log(System.Logger.Level.DEBUG, "closing the connection to " + address + " failed", e);
    }
  }

  private void readUntilEnd() {
    FrameReader<ServerFrame> reader =
        FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    byte[] buffer = new byte[READ_BUFFER_BYTES];
    IOException cause;
    try (InputStream in = socket.getInputStream()) {
      while (true) {
        int count = in.read(buffer);
        if (count < 0) {
          throw new EOFException("the gateway " + address + " closed the connection");
        }
        reader.read(ByteBuffer.wrap(buffer, 0, count), this::dispatch);
      }
    } catch (IOException e) {
      cause = e;
    } catch (FrameDecodingException e) {
      cause = new IOException("the gateway " + address + " sent an undecodable frame", e);
    }
    end(fatalError != null ? fatalError : cause);
  }

  private void dispatch(ServerFrame frame) {
    if (frame.getRequestId() != 0) {
      CompletableFuture<ServerFrame> answer = outstanding.remove(frame.getRequestId());
      if (answer != null) {
        answer.complete(frame);
      }
    } else if (frame.hasUpdate()) {
      pushes.accept(frame.getUpdate());
    } else if (frame.hasError()) {
      fatalError = new GatewayException(frame.getError());
    }
  }

  private void end(IOException cause) {
    ended = true;
    close();
    for (Long requestId : outstanding.keySet()) {
      CompletableFuture<ServerFrame> answer = outstanding.remove(requestId);
      if (answer != null) {
        answer.completeExceptionally(lost(cause));
      }
    }
    closed.accept(this, cause);
  }

  private ConnectionLostException lost(Throwable cause) {
    return new ConnectionLostException("the connection to " + address + " ended", cause);
  }
}
