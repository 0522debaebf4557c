package io.switchboard.benchmarks.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.switchboard.runtime.protocol.Authenticate;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.FrameCodec;
import io.switchboard.runtime.protocol.Handshake;
import io.switchboard.runtime.protocol.Register;
import io.switchboard.runtime.protocol.ServerFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * One gateway connection of the load generator, lighter than the client library's {@code
 * GatewayClient}: no thread of its own (it lives on one Netty event loop of a {@link FrameClient},
 * shared with many other connections), no reconnects, no retries, no update sequencing. Requests
 * are pipelined and matched to their answers by request id.
 *
 * <ul>
 *   <li>{@link #send} writes a request without flushing and calls its {@link Answer} on the event
 *       loop when the answering frame arrives; call it on the event loop only. Writes made while
 *       frames are being read are flushed once the read is complete; otherwise call {@link
 *       #flush()}.
 *   <li>{@link #call} may be used from any thread and returns a future of the answer (setup
 *       requests: handshake, register, authenticate).
 *   <li>Frames with request id 0 are pushed updates (counted in the {@code pushes} counter and
 *       dropped) or a fatal error (remembered as the reason the connection ends).
 *   <li>When the connection ends, every outstanding answer is told {@link Answer#lost} once.
 * </ul>
 *
 * <p>Thread-confined to the connection's event loop, except {@link #call}, {@link #close}, {@link
 * #eventLoop} and {@link #isOpen}.
 */
final class FrameConnection extends ChannelInboundHandlerAdapter {

  /** Receives the answer to one request, on the connection's event loop. */
  interface Answer {

    /**
     * @param frame the answering frame, possibly an error
     * @param receivedNanos when it was decoded, on {@link System#nanoTime()}
     */
    void answered(ServerFrame frame, long receivedNanos);

    /** The connection ended before the answer came. */
    void lost(IOException cause);
  }

  /** The field number of {@code ServerFrame.update}. */
  static final int UPDATE_FIELD = ServerFrame.UPDATE_FIELD_NUMBER;

  private static final int UPDATE_TAG = (UPDATE_FIELD << 3) | 2;
  private static final int UPDATE_TAG_FIRST = (UPDATE_TAG & 0x7F) | 0x80;
  private static final int UPDATE_TAG_SECOND = UPDATE_TAG >>> 7;

  private final LongAdder pushes;
  private final Map<Long, Answer> outstanding = new HashMap<>();
  private Channel channel;
  private long lastRequestId;
  private boolean unflushed;
  private volatile ServerFrame fatalError;

  /**
   * @param pushes counts the updates the gateway pushes to this connection
   */
  FrameConnection(LongAdder pushes) {
    this.pushes = pushes;
  }

  /** The event loop every callback of this connection runs on. */
  EventLoop eventLoop() {
    return channel.eventLoop();
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Requests not answered yet; on the event loop only. */
  int outstanding() {
    return outstanding.size();
  }

  /**
   * Writes {@code request} under the next request id, without flushing. On the event loop only.
   *
   * @param request the request, its request id left unset
   */
  void send(ClientFrame request, Answer answer) {
    long requestId = ++lastRequestId;
    if (!channel.isActive()) {
      answer.lost(new IOException("the connection to " + channel.remoteAddress() + " is closed"));
      return;
    }
    outstanding.put(requestId, answer);
    byte[] frame = FrameCodec.encode(request.toBuilder().setRequestId(requestId).build());
    channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
    unflushed = true;
  }

  /** Flushes what {@link #send} wrote. On the event loop only. */
  void flush() {
    if (unflushed) {
      unflushed = false;
      channel.flush();
    }
  }

  /** Sends {@code request} from any thread and flushes it; the future completes with the answer. */
  CompletableFuture<ServerFrame> call(ClientFrame request) {
    CompletableFuture<ServerFrame> answer = new CompletableFuture<>();
    channel
        .eventLoop()
        .execute(
            () -> {
              send(
                  request,
                  new Answer() {
                    @Override
                    public void answered(ServerFrame frame, long receivedNanos) {
                      answer.complete(frame);
                    }

                    @Override
                    public void lost(IOException cause) {
                      answer.completeExceptionally(cause);
                    }
                  });
              flush();
            });
    return answer;
  }

  /** Handshakes with protocol version {@link FrameCodec#PROTOCOL_VERSION}. */
  CompletableFuture<ServerFrame> handshake(String clientName) {
    return call(ClientFrame.newBuilder()
            .setHandshake(
                Handshake.newBuilder()
                    .setProtocolVersion(FrameCodec.PROTOCOL_VERSION)
                    .setClientName(clientName))
            .build())
        .thenApply(answer -> expect(answer, ServerFrame.BodyCase.HANDSHAKE_ACCEPTED));
  }

  /** Registers a user homed in {@code dc}, which authenticates this connection as that user. */
  CompletableFuture<ServerFrame> register(String displayName, String dc) {
    return call(ClientFrame.newBuilder()
            .setRegister(Register.newBuilder().setDisplayName(displayName).setDc(dc))
            .build())
        .thenApply(answer -> expect(answer, ServerFrame.BodyCase.REGISTERED));
  }

  /** Authenticates this connection with a token of an earlier registration. */
  CompletableFuture<ServerFrame> authenticate(String token) {
    return call(ClientFrame.newBuilder()
            .setAuthenticate(Authenticate.newBuilder().setToken(token))
            .build())
        .thenApply(answer -> expect(answer, ServerFrame.BodyCase.AUTHENTICATED));
  }

  /** Closes the connection; outstanding answers are lost. Idempotent, from any thread. */
  void close() {
    channel.close();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws IOException {
    ByteBuf body = (ByteBuf) message;
    ServerFrame frame;
    try {
      if (isPushedUpdate(body)) {
        pushes.increment();
        return;
      }
      frame = ServerFrame.parseFrom(body.nioBuffer());
    } finally {
      body.release();
    }
    long now = System.nanoTime();
    if (frame.getRequestId() != 0) {
      Answer answer = outstanding.remove(frame.getRequestId());
      if (answer != null) {
        answer.answered(frame, now);
      }
    } else if (frame.hasUpdate()) {
      pushes.increment();
    } else if (frame.hasError()) {
      fatalError = frame;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ServerFrame error = fatalError;
    IOException cause =
        new IOException(
            "the connection to "
                + ctx.channel().remoteAddress()
                + " ended"
                + (error == null ? "" : ": " + error.getError().getCode()));
    List<Answer> lost = new ArrayList<>(outstanding.values());
    outstanding.clear();
    lost.forEach(answer -> answer.lost(cause));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /**
   * Whether a frame body is a pushed update, told from its first bytes without decoding it: a push
   * carries request id 0, which protobuf leaves out, so its first field is {@code update} (field
   * {@value #UPDATE_FIELD}, length-delimited: tag bytes {@code 0xF2 0x01}). An answer starts with
   * its request id (tag byte {@code 0x08}) and is decoded in full, as is anything unexpected.
   */
  static boolean isPushedUpdate(ByteBuf body) {
    int start = body.readerIndex();
    return body.readableBytes() >= 2
        && body.getUnsignedByte(start) == UPDATE_TAG_FIRST
        && body.getUnsignedByte(start + 1) == UPDATE_TAG_SECOND;
  }

  /**
   * @throws GatewayAnswerException if {@code answer} is an error or another body than {@code
   *     expected}
   */
  static ServerFrame expect(ServerFrame answer, ServerFrame.BodyCase expected) {
    if (answer.getBodyCase() != expected) {
      throw new GatewayAnswerException(expected, answer);
    }
    return answer;
  }

  /** A gateway answered a setup request with an error or an unexpected body. */
  static final class GatewayAnswerException extends RuntimeException {

    GatewayAnswerException(ServerFrame.BodyCase expected, ServerFrame answer) {
      super(
          "expected "
              + expected
              + ", got "
              + (answer.hasError()
                  ? answer.getError().getCode() + " (" + answer.getError().getMessage() + ")"
                  : answer.getBodyCase()));
    }
  }
}
