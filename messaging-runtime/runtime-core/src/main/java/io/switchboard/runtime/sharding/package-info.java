/**
 * Sharding: how users and channels map to shards, which data centre homes each shard, how ids are
 * allocated so that a user lands in the DC it registered in, and the versioned shard map that says
 * which node leads each shard's replica set at which epoch.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>There are exactly {@link io.switchboard.runtime.sharding.Shards#COUNT} shards; the shard of
 *       an id is {@code id mod COUNT}, so it never changes for the id's lifetime.
 *   <li>Every shard has exactly one home data centre.
 *   <li>A shard map's version only grows; a replica set's epoch only grows.
 * </ul>
 */
package io.switchboard.runtime.sharding;
