package io.switchboard.runtime.client;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/** A scripted gateway on a real socket: the test reads the client's frames and writes answers. */
final class FakeGateway implements AutoCloseable {

  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final ServerSocket server;
  private Socket connection;
  private final FrameReader<ClientFrame> reader =
      FrameReader.forClientFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final Queue<ClientFrame> received = new ArrayDeque<>();

  FakeGateway() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  GatewayAddress address() {
    return new GatewayAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
  }

  /** Accepts the client's connection. */
  void accept() throws IOException {
    connection = server.accept();
    connection.setSoTimeout(READ_TIMEOUT_MILLIS);
  }

  /** The next {@code count} frames the client sent. */
  List<ClientFrame> read(int count) throws IOException, FrameDecodingException {
    InputStream in = connection.getInputStream();
    byte[] buffer = new byte[4096];
    while (received.size() < count) {
      int read = in.read(buffer);
      if (read < 0) {
        throw new EOFException("the client closed the connection");
      }
      reader.read(ByteBuffer.wrap(buffer, 0, read), received::add);
    }
    List<ClientFrame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(received.remove());
    }
    return frames;
  }

  void send(ServerFrame... frames) throws IOException {
    for (ServerFrame frame : frames) {
      connection.getOutputStream().write(FrameCodec.encode(frame));
    }
    connection.getOutputStream().flush();
  }

  /** Ends the client's connection with an orderly close. */
  void hangUp() throws IOException {
    connection.close();
  }

  @Override
  public void close() throws IOException {
    if (connection != null) {
      connection.close();
    }
    server.close();
  }
}
