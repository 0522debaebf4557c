package io.switchboard.runtime.node.peer;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.switchboard.runtime.node.fault.NetworkPartition;
import io.switchboard.runtime.peer.Delivered;
import io.switchboard.runtime.peer.Isolated;
import io.switchboard.runtime.peer.PeerError;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.protocol.ErrorCode;
import io.switchboard.runtime.protocol.MessagingException;
import io.switchboard.runtime.replication.NotPrimaryException;
import io.switchboard.runtime.replication.StaleEpochException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one inbound peer connection: answers each call of peer.proto through the node's {@link
 * PeerService}, and records the connecting gateway's presence in the {@link PresenceTable} for as
 * long as the connection is open. Answers go out as their futures complete, in any order.
 */
final class PeerRequestHandler extends SimpleChannelInboundHandler<PeerRequest> {

  private static final Logger log = LoggerFactory.getLogger(PeerRequestHandler.class);

  private final PeerService service;
  private final PresenceTable presence;
  private final NetworkPartition partition;

  PeerRequestHandler(PeerService service, PresenceTable presence, NetworkPartition partition) {
    this.service = service;
    this.presence = presence;
    this.partition = partition;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, PeerRequest request) {
    long callId = request.getCallId();
    switch (request.getBodyCase()) {
      case PRESENCE -> presence.update(ctx.channel(), request.getPresence());
      case OPERATION ->
          answer(
              ctx,
              callId,
              service.operation(
                  request.getOperation().getUserId(), request.getOperation().getRequest()),
              (reply, frame) -> reply.setAnswer(frame));
      case DELIVERIES ->
          answer(
              ctx,
              callId,
              service.deliver(
                  request.getDeliveries().getDestinationShard(),
                  request.getDeliveries().getMessagesList()),
              (reply, done) -> reply.setDelivered(Delivered.getDefaultInstance()));
      case GET_SHARD_MAP ->
          reply(ctx, PeerReply.newBuilder().setCallId(callId).setShardMap(service.shardMap()));
      case FETCH ->
          answer(
              ctx,
              callId,
              attempt(() -> service.fetch(request.getFetch())),
              PeerReply.Builder::setFetched);
      case FENCE ->
          answer(
              ctx,
              callId,
              attempt(() -> service.fence(request.getFence())),
              PeerReply.Builder::setFenced);
      case PROMOTE ->
          answer(
              ctx,
              callId,
              attempt(() -> service.promote(request.getPromote())),
              PeerReply.Builder::setPromoted);
      case INSTALL_SHARD_MAP ->
          answer(
              ctx,
              callId,
              attempt(() -> service.installShardMap(request.getInstallShardMap())),
              PeerReply.Builder::setMapInstalled);
      case IMAGE_FETCH ->
          answer(
              ctx,
              callId,
              attempt(() -> service.imageFetch(request.getImageFetch())),
              PeerReply.Builder::setImageChunk);
      case GET_REPLICA_STATUS ->
          answer(
              ctx,
              callId,
              attempt(() -> service.replicaStatus(request.getGetReplicaStatus())),
              PeerReply.Builder::setReplicaStatus);
      case PROBE_PEER ->
          answer(
              ctx, callId, service.probe(request.getProbePeer()), PeerReply.Builder::setPeerProbed);
      case ISOLATE_NODE -> isolate(ctx, callId, request.getIsolateNode().getDurationMs());
      case BODY_NOT_SET ->
          invalid(ctx, callId, "a peer request with a body this node does not know");
    }
  }

  /**
   * Isolates, then answers on this connection and closes it: the answer is the last thing the
   * connection carries, and whoever receives it finds the node already cut off.
   */
  private void isolate(ChannelHandlerContext ctx, long callId, int durationMillis) {
    Duration duration = Duration.ofMillis(Integer.toUnsignedLong(durationMillis));
    if (duration.isZero() || duration.compareTo(NetworkPartition.MAX_ISOLATION) > 0) {
      invalid(
          ctx,
          callId,
          "an isolation lasts 1 to "
              + NetworkPartition.MAX_ISOLATION.toMillis()
              + " ms, not "
              + duration.toMillis());
      return;
    }
    log.warn("isolating this node from its cluster network for {} (a drill's fault)", duration);
    partition.isolateFor(duration, ctx.channel());
    ctx.writeAndFlush(
            PeerReply.newBuilder()
                .setCallId(callId)
                .setIsolated(Isolated.newBuilder().setDurationMs(durationMillis))
                .build())
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    presence.forget(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn(
        "closing peer connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private interface ResultSetter<T> {
    void set(PeerReply.Builder reply, T result);
  }

  private static <T> void answer(
      ChannelHandlerContext ctx, long callId, CompletableFuture<T> result, ResultSetter<T> setter) {
    result.whenComplete(
        (value, failure) -> {
          PeerReply.Builder reply = PeerReply.newBuilder().setCallId(callId);
          if (failure == null) {
            setter.set(reply, value);
          } else {
            reply.setError(errorOf(failure));
          }
          reply(ctx, reply);
        });
  }

  private static <T> CompletableFuture<T> attempt(
      java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void invalid(ChannelHandlerContext ctx, long callId, String why) {
    reply(
        ctx,
        PeerReply.newBuilder()
            .setCallId(callId)
            .setError(PeerError.newBuilder().setCode(ErrorCode.INVALID_ARGUMENT).setMessage(why)));
  }

  private static void reply(ChannelHandlerContext ctx, PeerReply.Builder reply) {
    ctx.writeAndFlush(reply.build(), ctx.voidPromise());
  }

  static PeerError errorOf(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof MessagingException refused) {
      io.switchboard.runtime.protocol.Error error = refused.toError();
      PeerError.Builder peerError =
          PeerError.newBuilder().setCode(error.getCode()).setMessage(error.getMessage());
      if (error.hasRedirect()) {
        peerError.setRedirect(error.getRedirect());
      }
      return peerError.build();
    }
    if (cause instanceof StaleEpochException stale) {
      return PeerError.newBuilder()
          .setCode(ErrorCode.INVALID_ARGUMENT)
          .setMessage(stale.getMessage())
          .setSeenEpoch(stale.highestSeen())
          .build();
    }
    if (cause instanceof IllegalArgumentException || cause instanceof NotPrimaryException) {
      return PeerError.newBuilder()
          .setCode(
              cause instanceof NotPrimaryException
                  ? ErrorCode.UNAVAILABLE
                  : ErrorCode.INVALID_ARGUMENT)
          .setMessage(cause.getMessage())
          .build();
    }
    return PeerError.newBuilder()
        .setCode(ErrorCode.INTERNAL)
        .setMessage(String.valueOf(cause))
        .build();
  }
}
