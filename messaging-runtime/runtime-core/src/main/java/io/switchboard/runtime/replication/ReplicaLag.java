package io.switchboard.runtime.replication;

/**
 * How far a replica is behind its primary, as the primary knows it from the replica's fetches.
 *
 * @param records entries the primary holds that the replica has not reported durable
 * @param millis age of the oldest of them (now minus its append time on the primary), 0 when {@code
 *     records} is 0
 */
public record ReplicaLag(long records, long millis) {}
