package io.switchboard.runtime.node.replication;

import com.google.protobuf.ByteString;
import io.switchboard.runtime.peer.ImageChunk;
import io.switchboard.runtime.peer.ImageFetch;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.node.NodeReplicas;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * The primary side of shard images (peer.proto, "Shard images"): captures an image when a replica
 * asks for a new one and serves it in chunks of at most {@link #CHUNK_BYTES}.
 *
 * <p>Each replica gets its own image (one captured for another replica may be older than what this
 * one holds). Memory stays bounded: it holds at most one image per (shard, replica) and {@link
 * #MAX_HELD} in all (a call for a new image beyond that fails, and the replica retries later), and
 * drops an image {@link #IDLE_EXPIRY} after its last chunk was asked. Thread-safe.
 */
public final class ImageServer {

  static final int CHUNK_BYTES = 4 << 20;
  static final int MAX_HELD = 8;
  static final Duration IDLE_EXPIRY = Duration.ofSeconds(60);

  private record Held(long id, ShardImage image, int crc, AtomicLong lastUsedNanos) {}

  private final NodeReplicas replicas;
  private final LongSupplier nanoTime;

  private record Key(int shard, String replicaId) {}

  private final Map<Key, Held> held = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder imagesServed = new LongAdder();

  public ImageServer(NodeReplicas replicas, LongSupplier nanoTime) {
    this.replicas = replicas;
    this.nanoTime = nanoTime;
  }

  /**
   * Answers a replica's image fetch; fails with {@link IllegalArgumentException} for an image it
   * does not hold (any more) or an offset outside it, {@link IllegalStateException} when it holds
   * too many images, or as {@link NodeReplicas#produceImage} fails.
   */
  public CompletableFuture<ImageChunk> fetch(ImageFetch request) {
    dropExpired();
    Key key = new Key(request.getShard(), request.getReplicaId());
    if (request.getImageId() == 0) {
      if (held.size() >= MAX_HELD && !held.containsKey(key)) {
        return CompletableFuture.failedFuture(
            new IllegalStateException(
                "this node is serving " + held.size() + " shard images; retry later"));
      }
      return replicas
          .produceImage(request.getShard(), request.getEpoch())
          .thenApply(
              image -> {
                CRC32C crc = new CRC32C();
                crc.update(image.state());
                Held captured =
                    new Held(
                        ids.incrementAndGet(),
                        image,
                        (int) crc.getValue(),
                        new AtomicLong(nanoTime.getAsLong()));
                held.put(key, captured);
                imagesServed.increment();
                return chunk(captured, 0);
              });
    }
    Held image = held.get(key);
    if (image == null
        || image.id() != request.getImageId()
        || image.image().epoch() != request.getEpoch()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "shard " + request.getShard() + ": image " + request.getImageId() + " is not held"));
    }
    if (request.getOffset() > image.image().state().length) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("offset " + request.getOffset() + " is beyond the image"));
    }
    image.lastUsedNanos().set(nanoTime.getAsLong());
    return CompletableFuture.completedFuture(chunk(image, (int) request.getOffset()));
  }

  /** Images captured for replicas since the node started. */
  public long imagesServed() {
    return imagesServed.sum();
  }

  private static ImageChunk chunk(Held held, int offset) {
    ShardImage image = held.image();
    byte[] state = image.state();
    int length = Math.min(CHUNK_BYTES, state.length - offset);
    ImageChunk.Builder chunk =
        ImageChunk.newBuilder()
            .setShard(image.shard())
            .setEpoch(image.epoch())
            .setImageId(held.id())
            .setSeq(image.seq())
            .setTotalBytes(state.length)
            .setCrc32C(held.crc())
            .setOffset(offset)
            .setData(ByteString.copyFrom(state, offset, length));
    for (int i = 0; i < image.epochs().length; i++) {
      chunk.addEpochs(image.epochs()[i]).addFirstSeqs(image.firstSeqs()[i]);
    }
    return chunk.build();
  }

  private void dropExpired() {
    long now = nanoTime.getAsLong();
    held.values().removeIf(image -> now - image.lastUsedNanos().get() > IDLE_EXPIRY.toNanos());
  }
}
