/**
 * Sharding: how users and channels map to shards, which data centre homes each shard, how ids are
 * allocated so that a user lands in the DC it registered in, the versioned shard map that says
 * which node leads each shard's replica set at which epoch, and the initial placement of those
 * replica sets (a replaceable {@link io.switchboard.runtime.sharding.ReplicaPlacement}).
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>There are exactly {@link io.switchboard.runtime.sharding.Shards#COUNT} shards; the shard of
 *       an id is {@code id mod COUNT}, so it never changes for the id's lifetime.
 *   <li>Every shard has exactly one home data centre.
 *   <li>A shard map's version only grows; a replica set's epoch only grows.
 *   <li>A node holds at most one replica of a shard; a shard's voters (primary and followers) lie
 *       in its home DC, its asynchronous replicas in other DCs.
 *   <li>A placement never puts a replica in a DC whose region the shard's residency rule excludes;
 *       what it cannot satisfy it reports rather than hides.
 * </ul>
 */
package io.switchboard.runtime.sharding;
