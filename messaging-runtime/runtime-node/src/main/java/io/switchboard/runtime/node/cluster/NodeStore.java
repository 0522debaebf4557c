package io.switchboard.runtime.node.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.runtime.messaging.Backoff;
import io.switchboard.runtime.messaging.Delivery;
import io.switchboard.runtime.messaging.IndexFootprint;
import io.switchboard.runtime.messaging.LocalShardMailer;
import io.switchboard.runtime.messaging.MessagingLimits;
import io.switchboard.runtime.messaging.MessagingService;
import io.switchboard.runtime.messaging.MessagingState;
import io.switchboard.runtime.messaging.NodeContext;
import io.switchboard.runtime.messaging.OutboxRelay;
import io.switchboard.runtime.messaging.OutboxStats;
import io.switchboard.runtime.messaging.RelayScheduler;
import io.switchboard.runtime.messaging.log.DeliverMessage;
import io.switchboard.runtime.node.peer.PeerLinks;
import io.switchboard.runtime.node.peer.PeerService;
import io.switchboard.runtime.node.peer.ShardMapSnapshots;
import io.switchboard.runtime.node.replication.FetchServer;
import io.switchboard.runtime.node.replication.ImageServer;
import io.switchboard.runtime.node.replication.ReplicationMessages;
import io.switchboard.runtime.node.replication.ShardFollowing;
import io.switchboard.runtime.peer.FenceShard;
import io.switchboard.runtime.peer.Fenced;
import io.switchboard.runtime.peer.GetReplicaStatus;
import io.switchboard.runtime.peer.GetShardMap;
import io.switchboard.runtime.peer.ImageChunk;
import io.switchboard.runtime.peer.ImageFetch;
import io.switchboard.runtime.peer.InstallShardMap;
import io.switchboard.runtime.peer.PeerProbed;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.peer.ProbePeer;
import io.switchboard.runtime.peer.PromoteShard;
import io.switchboard.runtime.peer.Promoted;
import io.switchboard.runtime.peer.ReplicaFetch;
import io.switchboard.runtime.peer.ReplicaFetchReply;
import io.switchboard.runtime.peer.ReplicaStatusReply;
import io.switchboard.runtime.peer.ShardMapInstalled;
import io.switchboard.runtime.peer.ShardMapSnapshot;
import io.switchboard.runtime.protocol.ClientFrame;
import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.Operation;
import io.switchboard.runtime.protocol.OperationDispatcher;
import io.switchboard.runtime.protocol.ServerFrame;
import io.switchboard.runtime.protocol.UpdatePublisher;
import io.switchboard.runtime.replication.FenceReport;
import io.switchboard.runtime.replication.ReplicaGroup;
import io.switchboard.runtime.replication.ReplicationLimits;
import io.switchboard.runtime.replication.node.NodeReplicas;
import io.switchboard.runtime.replication.node.ReplicatedShards;
import io.switchboard.runtime.serving.ServiceMessagingEndpoint;
import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ReplicaSet;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.store.LogStats;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store role of a node: its durable log (in {@code <data-dir>/store}) with the replicated
 * shards over the messaging state (applied at commit, ADR 0008), the messaging service over both,
 * the outbox relay that delivers to other shards, and the protocol endpoint that serves the node's
 * own gateway in process and its peers' forwarded requests.
 *
 * <p>Lifecycle: {@link #open} recovers the log (a torn tail is truncated, the state rebuilt from
 * the checkpoint and the records after it); {@link #startRelay} resumes every pending outbox lane;
 * {@link #close} flushes and checkpoints; {@link #halt} stops as a crash would, losing only what
 * was never acknowledged.
 */
public final class NodeStore implements PeerService, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeStore.class);

  /**
   * Threads that run what follows an acknowledged append when no event loop started it (answers,
   * pushes, relay steps), and the blocking reads; see {@link LoopAffineWorkers}.
   */
  private static final int WORKER_THREADS = 2;

  /** How long a primary holds a replica's fetch that has nothing new; below the call timeout. */
  private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(500);

  /** Entry payload bytes one fetch answer carries at most, over all its shards. */
  private static final long MAX_FETCH_REPLY_BYTES = 4 << 20;

  private final String nodeId;
  private final ShardMapHolder maps;
  private final DurableLog durableLog;
  private final MessagingState state;
  private final Clock clock;
  private final MessagingService service;
  private final ServiceMessagingEndpoint endpoint;
  private final OperationDispatcher dispatcher;
  private final OutboxRelay relay;
  private final ExecutorService workers;
  private final ScheduledExecutorService retries;
  private final PeerLinks peers;
  private final ExecutorService admin;
  private final ExecutorService imageInstaller;
  private final FetchServer fetchServer;
  private final ImageServer imageServer;
  private final ShardFollowing following;

  private static final long MAX_PROBE_MILLIS = 5_000;

  private NodeStore(
      String nodeId,
      ShardMapHolder maps,
      DurableLog durableLog,
      MessagingState state,
      Clock clock,
      MessagingService service,
      OutboxRelay relay,
      ExecutorService workers,
      ScheduledExecutorService retries,
      PeerLinks peers) {
    this.nodeId = nodeId;
    this.maps = maps;
    this.durableLog = durableLog;
    this.state = state;
    this.clock = clock;
    this.service = service;
    this.relay = relay;
    this.workers = workers;
    this.retries = retries;
    this.peers = peers;
    this.admin =
        Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("replica-admin-" + nodeId, true));
    this.imageInstaller =
        Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("replica-images-" + nodeId, true));
    this.fetchServer = new FetchServer(service.replicas(), workers, retries, MAX_FETCH_REPLY_BYTES);
    this.imageServer = new ImageServer(service.replicas(), System::nanoTime);
    service.replicas().onChanged(fetchServer::changed);
    this.following =
        new ShardFollowing(
            nodeId,
            service.replicas(),
            maps::current,
            peers,
            workers,
            retries,
            FETCH_MAX_WAIT,
            imageInstaller);
    this.endpoint = new ServiceMessagingEndpoint(service, workers);
    this.dispatcher =
        new OperationDispatcher(
            endpoint,
            (operation, failure) ->
                log.error("node {} failed on a forwarded {}", nodeId, operation, failure));
  }

  /**
   * Opens the store of node {@code nodeId} in {@code dataDir}.
   *
   * @param peers carries deliveries to shards led by other nodes
   * @param eventLoops the node's event loops: an acknowledgement or a peer's reply that arrives for
   *     work one of them started is handled on that loop unless it is busy ({@link
   *     LoopAffineWorkers})
   * @throws IOException if the log cannot be recovered
   */
  public static NodeStore open(
      String nodeId,
      Path dataDir,
      LogOptions options,
      ReplicationLimits replicationLimits,
      ShardMapHolder maps,
      HomeDataCenters homes,
      Clock clock,
      PeerLinks peers,
      EventLoopGroup eventLoops)
      throws IOException {
    MessagingState state = new MessagingState(MessagingLimits.defaults());
    ReplicatedShards shards = new ReplicatedShards(state);
    DurableLog durableLog = DurableLog.open(dataDir.resolve("store"), options, shards);
    ExecutorService workers =
        Executors.newFixedThreadPool(
            WORKER_THREADS, new DefaultThreadFactory("store-" + nodeId, true));
    ScheduledExecutorService retries =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("relay-retry-" + nodeId, true));
    NodeContext context =
        new NodeContext(
            nodeId,
            maps::current,
            homes,
            clock,
            new SecureRandom(),
            new LoopAffineWorkers(workers, eventLoops));
    MessagingService service =
        new MessagingService(durableLog, shards, state, context, replicationLimits);
    OutboxRelay relay =
        new OutboxRelay(
            service,
            new RoutingShardMailer(nodeId, maps, new LocalShardMailer(service), peers),
            Backoff.crossDcReplication(new SplittableRandom()),
            RelayScheduler.on(retries));
    return new NodeStore(
        nodeId, maps, durableLog, state, clock, service, relay, workers, retries, peers);
  }

  /** The endpoint that serves this node's own gateway in process. */
  public MessagingEndpoint endpoint() {
    return endpoint;
  }

  /** Publishes every new update of this store through {@code publisher}; call once. */
  public void publishUpdatesTo(UpdatePublisher publisher) {
    endpoint.publishUpdatesTo(publisher);
  }

  /** Starts relaying outbox entries, resuming the lanes pending since before the last stop. */
  public void startRelay() {
    relay.start();
  }

  /** Starts fetching the shards this node follows from their primaries (ADR 0008). */
  public void startReplication() {
    following.refresh();
  }

  /** Entry payload bytes this node shipped to other replicas since it started. */
  public long replicationBytesOut() {
    return fetchServer.bytesSent();
  }

  /** Entry payload bytes this node fetched from primaries since it started. */
  public long replicationBytesIn() {
    return following.bytesReceived();
  }

  /** The shards this node holds a replica of by its newest map, in ascending order. */
  public List<ReplicaSet> replicaSetsHeld() {
    return maps.current().replicaSets().stream().filter(set -> set.hasReplicaOn(nodeId)).toList();
  }

  /** The node's replicas of its shards, for metrics and tests. */
  public NodeReplicas replicas() {
    return service.replicas();
  }

  /**
   * Installs {@code map} if it is newer than the node's, then gives the replicas the roles it names
   * (this blocks for the group commits of new epochs), fetches from the primaries it names, answers
   * the fetch calls it holds (their senders may have shards to add), and resumes the outbox lanes
   * of shards this node leads now.
   *
   * @return whether the map was newer and installed
   */
  public boolean installShardMap(ShardMap map) {
    if (!maps.install(map)) {
      return false;
    }
    service.replicas().serve(maps.current());
    following.refresh();
    fetchServer.answerHeldCalls();
    relay.deliverDue();
    return true;
  }

  @Override
  public CompletableFuture<ReplicaFetchReply> fetch(ReplicaFetch request) {
    return fetchServer.fetch(request);
  }

  @Override
  public CompletableFuture<ImageChunk> imageFetch(ImageFetch request) {
    return imageServer.fetch(request);
  }

  @Override
  public CompletableFuture<ReplicaStatusReply> replicaStatus(GetReplicaStatus request) {
    return CompletableFuture.supplyAsync(
        () -> ReplicationMessages.toProto(service.replicas().status(request.getShard())), workers);
  }

  /**
   * One GetShardMap round trip to the probed node within the request's timeout (at most {@value
   * #MAX_PROBE_MILLIS} ms); an unreachable node, an unknown one and a late answer all give {@code
   * reachable = false} with the reason.
   */
  @Override
  public CompletableFuture<PeerProbed> probe(ProbePeer request) {
    long timeout = Math.min(Math.max(request.getTimeoutMs(), 1), MAX_PROBE_MILLIS);
    CompletableFuture<PeerReply> call;
    try {
      call =
          peers
              .link(request.getNodeId())
              .call(PeerRequest.newBuilder().setGetShardMap(GetShardMap.getDefaultInstance()));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    return call.orTimeout(timeout, TimeUnit.MILLISECONDS)
        .handle(
            (reply, failure) -> {
              if (failure == null) {
                return PeerProbed.newBuilder().setReachable(true).build();
              }
              Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
              String detail =
                  cause instanceof java.util.concurrent.TimeoutException
                      ? "no answer within " + timeout + " ms"
                      : String.valueOf(cause.getMessage());
              return PeerProbed.newBuilder().setReachable(false).setDetail(detail).build();
            });
  }

  /** Shard images this node captured for other replicas since it started. */
  public long imagesServed() {
    return imageServer.imagesServed();
  }

  @Override
  public CompletableFuture<Fenced> fence(FenceShard command) {
    return CompletableFuture.supplyAsync(
        () -> {
          FenceReport report = service.replicas().fence(command.getShard(), command.getEpoch());
          return Fenced.newBuilder()
              .setShard(command.getShard())
              .setEpoch(report.epoch())
              .setReplicaId(report.replicaId())
              .setLastEpoch(report.lastEpoch())
              .setLastSeq(report.lastSeq())
              .setCommitSeq(report.commitSeq())
              .build();
        },
        admin);
  }

  @Override
  public CompletableFuture<Promoted> promote(PromoteShard command) {
    ReplicaGroup group =
        new ReplicaGroup(
            Set.copyOf(command.getVotersList()), Set.copyOf(command.getAsyncReplicasList()));
    return CompletableFuture.supplyAsync(
        () -> {
          long start = service.replicas().promote(command.getShard(), command.getEpoch(), group);
          return Promoted.newBuilder()
              .setShard(command.getShard())
              .setEpoch(command.getEpoch())
              .setEpochStartSeq(start)
              .build();
        },
        admin);
  }

  @Override
  public CompletableFuture<ShardMapInstalled> installShardMap(InstallShardMap command) {
    ShardMap map = ShardMapSnapshots.fromSnapshot(command.getMap());
    return CompletableFuture.supplyAsync(
        () -> {
          boolean installed = installShardMap(map);
          return ShardMapInstalled.newBuilder()
              .setInstalled(installed)
              .setVersion(maps.current().version())
              .build();
        },
        admin);
  }

  /** Counters of the log: appends, fsyncs, bytes. */
  public LogStats logStats() {
    return durableLog.stats();
  }

  /** Bytes of the log's acknowledged records on disk, every segment together, headers included. */
  public long logBytes() {
    return durableLog.endPosition().offset() - durableLog.startPosition().offset();
  }

  /**
   * Memory of the messaging indexes. Walks every user and channel of the store under the state's
   * read lock, holding up appends meanwhile: read it at scrape intervals, not per request.
   */
  public IndexFootprint indexFootprint() {
    return state.indexFootprint();
  }

  /** The outbox relay's backlog now, on the store's clock; see {@link OutboxRelay#stats}. */
  public OutboxStats outboxStats() {
    return relay.stats(clock.instant());
  }

  @Override
  public CompletableFuture<ServerFrame> operation(long userId, ClientFrame request) {
    return dispatcher
        .dispatch(new Operation(1, userId, request))
        .thenApply(frame -> frame.toBuilder().clearRequestId().build());
  }

  @Override
  public CompletableFuture<Void> deliver(int destinationShard, List<DeliverMessage> messages) {
    CompletableFuture<Void> delivered;
    try {
      delivered =
          service.acceptDeliveries(
              messages.stream().map(message -> new Delivery(destinationShard, message)).toList());
    } catch (RuntimeException e) {
      delivered = CompletableFuture.failedFuture(e);
    }
    return delivered.exceptionallyCompose(
        failure ->
            CompletableFuture.failedFuture(ServiceMessagingEndpoint.toProtocolFailure(failure)));
  }

  @Override
  public ShardMapSnapshot shardMap() {
    return ShardMapSnapshots.toSnapshot(maps.current());
  }

  /** Stops as a crash would: unacknowledged appends fail, nothing more is written. */
  public void halt() {
    following.close();
    admin.shutdownNow();
    imageInstaller.shutdownNow();
    durableLog.halt();
    retries.shutdownNow();
    workers.shutdownNow();
  }

  /** Stops gracefully: the log is synced and checkpointed, so the next open replays nothing. */
  @Override
  public void close() {
    following.close();
    admin.shutdownNow();
    imageInstaller.shutdownNow();
    retries.shutdownNow();
    try {
      durableLog.close();
    } catch (IOException e) {
      log.warn("node {}: the log did not close cleanly; the next start recovers it", nodeId, e);
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }
}
