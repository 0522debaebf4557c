package io.switchboard.runtime.node.replication;

import io.switchboard.runtime.node.peer.PeerLink;
import io.switchboard.runtime.peer.ImageChunk;
import io.switchboard.runtime.peer.ImageFetch;
import io.switchboard.runtime.peer.PeerReply;
import io.switchboard.runtime.peer.PeerRequest;
import io.switchboard.runtime.replication.ShardImage;
import io.switchboard.runtime.replication.node.NodeReplicas;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.CRC32C;

/**
 * The replica side of one shard image (peer.proto, "Shard images"): asks the primary for a new
 * image, fetches its chunks in order, checks the length, the chunk order and the CRC32C of the
 * whole state, and installs it ({@link NodeReplicas#installImage}, on the executor: it blocks for
 * group commits). A chunk that does not continue the image fails the transfer; the follower starts
 * again later.
 */
final class ImageTransfer {

  /** Largest image state a replica accepts. */
  static final long MAX_IMAGE_BYTES = 1L << 30;

  private final String nodeId;
  private final int shard;
  private final long epoch;
  private final PeerLink primary;
  private final NodeReplicas replicas;
  private final Executor executor;
  private byte[] state;
  private ImageChunk first;
  private int received;

  private ImageTransfer(
      String nodeId,
      int shard,
      long epoch,
      PeerLink primary,
      NodeReplicas replicas,
      Executor executor) {
    this.nodeId = nodeId;
    this.shard = shard;
    this.epoch = epoch;
    this.primary = primary;
    this.replicas = replicas;
    this.executor = executor;
  }

  /**
   * Fetches and installs an image of {@code shard} from {@code primary}, the primary of {@code
   * epoch}; completes with whether the replica installed it (see {@link
   * NodeReplicas#installImage}), fails when the primary refuses or the image is damaged.
   */
  static CompletableFuture<Boolean> run(
      String nodeId,
      int shard,
      long epoch,
      PeerLink primary,
      NodeReplicas replicas,
      Executor executor) {
    return new ImageTransfer(nodeId, shard, epoch, primary, replicas, executor).fetch(0, 0);
  }

  private CompletableFuture<Boolean> fetch(long imageId, int offset) {
    ImageFetch request =
        ImageFetch.newBuilder()
            .setShard(shard)
            .setEpoch(epoch)
            .setReplicaId(nodeId)
            .setImageId(imageId)
            .setOffset(offset)
            .build();
    return primary
        .call(PeerRequest.newBuilder().setImageFetch(request))
        .thenComposeAsync(this::onReply, executor);
  }

  private CompletableFuture<Boolean> onReply(PeerReply reply) {
    if (!reply.hasImageChunk()) {
      throw new IllegalStateException(
          "shard " + shard + ": the primary refused the image: " + reply.getError().getMessage());
    }
    ImageChunk chunk = reply.getImageChunk();
    if (first == null) {
      start(chunk);
    }
    if (chunk.getImageId() != first.getImageId()
        || chunk.getOffset() != received
        || chunk.getShard() != shard
        || received + (long) chunk.getData().size() > state.length) {
      throw new IllegalStateException(
          "shard " + shard + ": an image chunk does not continue the image at " + received);
    }
    chunk.getData().copyTo(state, received);
    received += chunk.getData().size();
    if (received < state.length) {
      return fetch(first.getImageId(), received);
    }
    return CompletableFuture.completedFuture(replicas.installImage(verified()));
  }

  private void start(ImageChunk chunk) {
    if (chunk.getTotalBytes() > MAX_IMAGE_BYTES) {
      throw new IllegalStateException(
          "shard "
              + shard
              + ": an image of "
              + chunk.getTotalBytes()
              + " bytes exceeds the limit of "
              + MAX_IMAGE_BYTES);
    }
    if (chunk.getEpoch() != epoch || chunk.getEpochsCount() != chunk.getFirstSeqsCount()) {
      throw new IllegalStateException(
          "shard " + shard + ": an image of another epoch or malformed");
    }
    first = chunk;
    state = new byte[(int) chunk.getTotalBytes()];
  }

  private ShardImage verified() {
    CRC32C crc = new CRC32C();
    crc.update(state);
    if ((int) crc.getValue() != first.getCrc32C()) {
      throw new IllegalStateException("shard " + shard + ": the image's checksum does not match");
    }
    return new ShardImage(
        shard,
        first.getEpoch(),
        first.getSeq(),
        first.getEpochsList().stream().mapToLong(Long::longValue).toArray(),
        first.getFirstSeqsList().stream().mapToLong(Long::longValue).toArray(),
        state);
  }
}
