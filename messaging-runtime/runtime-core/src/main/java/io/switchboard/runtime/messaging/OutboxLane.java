package io.switchboard.runtime.messaging;

/**
 * The path from one origin shard's outbox to one destination shard: entries on a lane are delivered
 * one at a time, in sequence order.
 */
record OutboxLane(int originShard, int destinationShard) {}
