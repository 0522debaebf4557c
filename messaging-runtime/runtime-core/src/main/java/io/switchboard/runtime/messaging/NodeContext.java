package io.switchboard.runtime.messaging;

import io.switchboard.runtime.sharding.HomeDataCenters;
import io.switchboard.runtime.sharding.ShardMap;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a {@link MessagingService} needs from the node it runs on; everything time, randomness or
 * topology related is injected here so that tests can drive it.
 *
 * @param nodeId this node's id, as the shard map names it
 * @param shardMap the newest shard map this node knows; read on every request
 * @param homes which data centre homes each shard
 * @param clock stamps the date of messages and posts when they are proposed
 * @param tokenRandom source of token secrets; a {@link java.security.SecureRandom} in production
 * @param executor runs the work that follows an acknowledged append (answers, listeners, relay
 *     steps, reads of original records): never the log's writer thread; a {@link
 *     io.switchboard.runtime.replication.node.LoopAffineExecutor} keeps that work on the event loop
 *     that proposed the command (ADR 0015)
 */
public record NodeContext(
    String nodeId,
    Supplier<ShardMap> shardMap,
    HomeDataCenters homes,
    Clock clock,
    RandomGenerator tokenRandom,
    Executor executor) {

  public NodeContext {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(shardMap, "shardMap");
    Objects.requireNonNull(homes, "homes");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tokenRandom, "tokenRandom");
    Objects.requireNonNull(executor, "executor");
  }
}
