package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A blocking socket speaking the gateway framing: one request out, its answer back.
 *
 * <p>{@link #exchange} algorithm:
 *
 * <ol>
 *   <li>Write the encoded request and flush.
 *   <li>Read bytes into the {@link FrameReader} until it yields a frame; every read waits at most
 *       the timeout.
 *   <li>An error frame answers the request (same {@code request_id}) or the whole connection
 *       ({@code request_id} 0): throw {@link GatewayException}.
 *   <li>Any other frame must carry the request's {@code request_id}; return it.
 * </ol>
 *
 * <p>Any failure other than a {@link GatewayException} (I/O error, timeout, EOF, undecodable or
 * unexpected frame) leaves the stream out of step, so it closes the socket before propagating.
 *
 * <p>Not thread-safe; {@link GatewayClient} serialises access.
 */
final class FramedConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final FrameReader<ServerFrame> reader =
      FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final Queue<ServerFrame> received = new ArrayDeque<>();
  private final byte[] readBuffer = new byte[8 * 1024];

  private FramedConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects with {@code timeout} as both the connect timeout and the read timeout.
   *
   * @throws IOException if the connection cannot be established
   */
  static FramedConnection open(String host, int port, Duration timeout) throws IOException {
    int timeoutMillis = Math.toIntExact(timeout.toMillis());
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.setTcpNoDelay(true);
      return new FramedConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends {@code request} and returns its answer; see the class comment. */
  ServerFrame exchange(ClientFrame request) throws IOException {
    ServerFrame answer;
    try {
      out.write(FrameCodec.encode(request));
      out.flush();
      answer = receive();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    if (answer.hasError()
        && (answer.getRequestId() == request.getRequestId() || answer.getRequestId() == 0)) {
      throw new GatewayException(answer.getError().getCode(), answer.getError().getMessage());
    }
    if (answer.getRequestId() != request.getRequestId()) {
      close();
      throw new IOException(
          "gateway answered request "
              + answer.getRequestId()
              + " while request "
              + request.getRequestId()
              + " was outstanding");
    }
    return answer;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private ServerFrame receive() throws IOException {
    while (received.isEmpty()) {
      int count = in.read(readBuffer);
      if (count < 0) {
        throw new EOFException("the gateway closed the connection");
      }
      try {
        reader.read(ByteBuffer.wrap(readBuffer, 0, count), received::add);
      } catch (FrameDecodingException e) {
        throw new IOException("the gateway sent an undecodable frame: " + e.getMessage(), e);
      }
    }
    return received.remove();
  }
}
