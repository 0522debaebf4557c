package io.switchboard.runtime.serving;

import io.switchboard.runtime.protocol.MessagingEndpoint;
import io.switchboard.runtime.protocol.MessagingEndpointContract;
import io.switchboard.runtime.protocol.UpdatePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real messaging service, served by {@link ServiceMessagingEndpoint}, keeps the contracts of
 * the gateway's seam: a node with a durable log in a test directory, leading every shard, relaying
 * between its shards in process.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServiceMessagingEndpointTest extends MessagingEndpointContract {

  @TempDir Path directory;

  private ServingNode node;
  private final ExecutorService reads = Executors.newFixedThreadPool(2);

  @Override
  protected MessagingEndpoint createEndpoint(UpdatePublisher publisher) {
    try {
      node = new ServingNode(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServiceMessagingEndpoint endpoint = node.endpoint(reads);
    endpoint.publishUpdatesTo(publisher);
    return endpoint;
  }

  @AfterEach
  void close() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      reads.shutdownNow();
      reads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
