package io.switchboard.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.runtime.replication.node.LoopAffineExecutor;
import io.switchboard.runtime.replication.node.ReplicatedShards;
import io.switchboard.runtime.sharding.ShardMap;
import io.switchboard.runtime.store.DurableLog;
import io.switchboard.runtime.store.LogOptions;
import io.switchboard.runtime.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One node's messaging runtime over a real {@link DurableLog} (group commit) in a test directory:
 * state, service, relay with a {@link FakeScheduler}, a clock the test moves, and a record of every
 * pushed update. Reopens on the same directory after a crash or a clean close.
 */
final class TestNode implements AutoCloseable {

  static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  /** What stays the same across reopens of one node. */
  record Setup(
      Path directory,
      MessagingLimits limits,
      LogOptions logOptions,
      AtomicReference<ShardMap> shardMap,
      MutableClock clock,
      Function<MessagingService, ShardMailer> mailer) {}

  /** An update handed to the service's listeners. */
  record Pushed(long userId, Update update) {}

  final Setup setup;
  final MessagingState state;
  final ReplicatedShards shards;
  final DurableLog log;
  final MessagingService service;
  final FakeScheduler scheduler = new FakeScheduler();
  final OutboxRelay relay;

  /** The name of the thread that plays an event loop of the node ({@link #onLoop}). */
  static final String LOOP_THREAD = "test-node-loop";

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final ExecutorService loop =
      Executors.newSingleThreadExecutor(task -> new Thread(task, LOOP_THREAD));
  private final AtomicInteger workerTasks = new AtomicInteger();
  private final List<Pushed> pushes = Collections.synchronizedList(new ArrayList<>());

  private TestNode(Setup setup) throws IOException {
    this.setup = setup;
    this.state = new MessagingState(setup.limits());
    this.shards = new ReplicatedShards(state);
    this.log = DurableLog.open(setup.directory(), setup.logOptions(), shards);
    NodeContext context =
        new NodeContext(
            Topologies.NODE,
            setup.shardMap()::get,
            Topologies.HOMES,
            setup.clock(),
            new SplittableRandom(42),
            new LoopAffineExecutor() {
              @Override
              public void execute(Runnable task) {
                workerTasks.incrementAndGet();
                executor.execute(task);
              }

              @Override
              public Executor forCaller() {
                return Thread.currentThread().getName().equals(LOOP_THREAD) ? loop : this;
              }
            });
    this.service = new MessagingService(log, shards, state, context);
    service.addUpdateListener((userId, update) -> pushes.add(new Pushed(userId, update)));
    this.relay =
        new OutboxRelay(
            service,
            setup.mailer().apply(service),
            Backoff.crossDcReplication(new SplittableRandom(7)),
            scheduler);
  }

  /** A node leading every shard, with default limits and an in-process mailer. */
  static TestNode open(Path directory) throws IOException {
    return open(directory, MessagingLimits.defaults(), Topologies.allLedHere());
  }

  static TestNode open(Path directory, MessagingLimits limits, ShardMap shardMap)
      throws IOException {
    return open(
        new Setup(
            directory,
            limits,
            LogOptions.defaults(),
            new AtomicReference<>(shardMap),
            new MutableClock(START),
            LocalShardMailer::new));
  }

  /** Opens the node and starts its relay, awaiting the resumption of pending lanes. */
  static TestNode open(Setup setup) throws IOException {
    TestNode node = new TestNode(setup);
    await(node.relay.start());
    return node;
  }

  /** Kills the node as a process death would (no final checkpoint) and opens it again. */
  TestNode crashAndReopen() throws IOException {
    log.halt();
    executor.shutdownNow();
    loop.shutdownNow();
    return open(setup);
  }

  /** Closes the node cleanly (final checkpoint) and opens it again. */
  TestNode closeAndReopen() throws IOException {
    close();
    return open(setup);
  }

  /**
   * Calls {@code call} on the thread that plays one of the node's event loops: work that follows it
   * stays on that thread ({@link LoopAffineExecutor}) unless handed to the workers.
   */
  <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> call) {
    return CompletableFuture.supplyAsync(call, loop).thenCompose(started -> started);
  }

  /** How many tasks the node's workers were given so far. */
  int workerTasks() {
    return workerTasks.get();
  }

  /** Registers a user in {@code dc}. */
  Registration register(String name, String dc) {
    return await(service.register(name, dc));
  }

  long registerUser(String name) {
    return register(name, "europe").userId();
  }

  /** Relays until no lane is running; retries waiting on the scheduler stay waiting. */
  void relayDue() {
    await(relay.deliverDue());
  }

  /** Every update pushed so far to {@code userId}, in push order. */
  List<Update> pushesTo(long userId) {
    synchronized (pushes) {
      return pushes.stream().filter(p -> p.userId() == userId).map(Pushed::update).toList();
    }
  }

  /** The whole mailbox of a user, read with getDifference from pts 0. */
  List<MailboxMessage> mailbox(long userId) {
    return service.getDifference(userId, 0, setup.limits().maxPageSize()).messages();
  }

  /** The state's checkpoint bytes: equal bytes mean equal states. */
  byte[] stateBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      state.snapshot().writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("not completed within 20 s", e);
    }
  }

  /** The refusal a future failed with. */
  static MessagingException refusal(CompletableFuture<?> future) {
    try {
      future.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(MessagingException.class);
      return (MessagingException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a refusal, got a result");
  }

  @Override
  public void close() throws IOException {
    try {
      log.close();
    } finally {
      executor.shutdown();
      loop.shutdown();
    }
  }
}
