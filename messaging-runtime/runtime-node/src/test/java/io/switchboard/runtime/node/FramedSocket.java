package io.switchboard.runtime.node;

import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.FrameDecodingException;
import io.switchboard.runtime.protocol.FrameReader;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.Ping;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Queue;

/** A raw blocking gateway connection for tests: writes client frames, reads server frames. */
final class FramedSocket implements AutoCloseable {

  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final FrameReader<ServerFrame> reader =
      FrameReader.forServerFrames(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final Queue<ServerFrame> received = new ArrayDeque<>();

  FramedSocket(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
  }

  static ClientFrame handshake(long requestId) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setHandshake(
            Handshake.newBuilder()
                .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                .setClientName("node-test"))
        .build();
  }

  static ClientFrame ping(long requestId, long payload) {
    return ClientFrame.newBuilder()
        .setRequestId(requestId)
        .setPing(Ping.newBuilder().setPayload(payload))
        .build();
  }

  void send(ClientFrame frame) throws IOException {
    sendRaw(FrameCodec.encode(frame));
  }

  void sendRaw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** The next server frame; fails on EOF or after the read timeout. */
  ServerFrame receive() throws IOException, FrameDecodingException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (received.isEmpty()) {
      int count = in.read(buffer);
      if (count < 0) {
        throw new EOFException("the gateway closed the connection");
      }
      reader.read(ByteBuffer.wrap(buffer, 0, count), received::add);
    }
    return received.remove();
  }

  /** Reads one byte: -1 on an orderly close; throws on a reset. */
  int read() throws IOException {
    return socket.getInputStream().read();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
