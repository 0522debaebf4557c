package io.switchboard.controlplane.dcfailover;

import io.switchboard.controlplane.topology.NodeRegistration;
import io.switchboard.controlplane.topology.TopologyService;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Keeps, per shard, the last sampled lag of its asynchronous (cross-DC) replicas: every {@code
 * switchboard.failover.dc.lag-sample-every} it reads the {@code switchboard_replication_lag_*}
 * samples of scope {@code cross_dc} from each node's {@code /metrics}, which primaries export. A
 * node that cannot be read keeps its shards' previous samples: when a DC is lost, what remains is
 * the lag at (about) that moment, which is the data at risk of a DC failover.
 */
@Component
public class CrossDcLagSampler {

  private final TopologyService topology;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final CrossDcLags lags = new CrossDcLags();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "cross-dc-lag-sampler");
            thread.setDaemon(true);
            return thread;
          });

  CrossDcLagSampler(TopologyService topology, Clock clock, DcFailoverProperties properties) {
    this.topology = topology;
    this.clock = clock;
    long every = properties.lagSampleEvery().toMillis();
    sampler.scheduleWithFixedDelay(this::sampleAllSafely, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    sampler.shutdownNow();
  }

  /** The last sampled lag of {@code shard}'s asynchronous replicas; empty if never sampled. */
  public Optional<CrossDcLags.Lag> lag(int shard) {
    return lags.lag(shard);
  }

  /** Reads every node's metrics now (also what the scheduled sampling does). */
  public void sampleAll() {
    for (NodeRegistration node : topology.nodes()) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + node.adminAddress() + "/metrics"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          lags.record(node.id(), response.body(), clock.instant());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception unreachable) {
        // Keep the node's previous samples: they are the last known lag.
      }
    }
  }

  private void sampleAllSafely() {
    try {
      sampleAll();
    } catch (RuntimeException e) {
      // The next round tries again; a sampler that stops would leave stale risk figures.
    }
  }
}
