package io.switchboard.controlplane.dcfailover;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.controlplane.operation.InvalidOperationException;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationConflictException;
import io.switchboard.controlplane.operation.OperationService;
import io.switchboard.controlplane.operation.OperationType;
import io.switchboard.controlplane.topology.TopologyService;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The DC failover policy: every second, each serving data centre is checked against the triggers
 * ({@link DcFailoverTriggers}); when one fires, a {@code DC_FAILOVER} is started if {@code
 * switchboard.failover.dc.automatic} allows it, else an alert is raised for a person to decide.
 * Error rates are sampled every {@code lag-sample-every}.
 *
 * <p>A DC already removed from the directory, or held by an active operation, is left alone. A DC
 * whose failover cannot be planned (residency keeps its shards home) raises an alert. Alerts go to
 * the log (WARN) and to {@code switchboard_failover_alerts_total{reason}}, at most once a minute
 * per DC and reason.
 */
@Component
class AutomaticDcFailover {

  /** The requester of the operations it starts, as the audit and the operations list show it. */
  static final String REQUESTER = "automatic-dc-failover";

  private static final Logger log = LoggerFactory.getLogger(AutomaticDcFailover.class);
  private static final Duration ALERT_EVERY = Duration.ofMinutes(1);
  private static final int RECENT_OPERATIONS = 500;

  private final DcFailoverProperties properties;
  private final TopologyService topology;
  private final GatewayDirectory directory;
  private final DcErrorRates errorRates;
  private final OperationService operations;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<String, Instant> lastAlerts = new HashMap<>();
  private Instant lastSample = Instant.MIN;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "automatic-dc-failover");
            thread.setDaemon(true);
            return thread;
          });

  AutomaticDcFailover(
      DcFailoverProperties properties,
      TopologyService topology,
      GatewayDirectory directory,
      DcErrorRates errorRates,
      OperationService operations,
      Clock clock,
      MeterRegistry meters) {
    this.properties = properties;
    this.topology = topology;
    this.directory = directory;
    this.errorRates = errorRates;
    this.operations = operations;
    this.clock = clock;
    this.meters = meters;
    worker.scheduleWithFixedDelay(this::evaluateSafely, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  private void evaluateSafely() {
    try {
      evaluate();
    } catch (RuntimeException e) {
      alert("*", "error", "evaluating the DC failover triggers failed: " + e);
    }
  }

  /** One round: sample error rates when due, then check every serving DC. */
  void evaluate() {
    Instant now = clock.instant();
    if (!lastSample.plus(properties.lagSampleEvery()).isAfter(now)) {
      errorRates.sample(now);
      lastSample = now;
    }
    for (DataCenterView dc : topology.view().dataCenters()) {
      if (!directory.isServing(dc.id()) || heldByActiveOperation(dc.id())) {
        continue;
      }
      Optional<DcFailoverTriggers.Trigger> trigger =
          DcFailoverTriggers.evaluate(dc, errorRates.window(dc.id()).orElse(null), now, properties);
      trigger.ifPresent(fired -> act(dc.id(), fired));
    }
  }

  private void act(String dc, DcFailoverTriggers.Trigger trigger) {
    if (!properties.automatic()) {
      alert(
          dc,
          "dc_failover_needs_operator",
          trigger.detail() + ": automatic DC failover is off; run `dc failover " + dc + "`");
      return;
    }
    Map<String, String> parameters =
        Map.of(
            "dc", dc, "trigger", trigger.trigger(), "detected-at", trigger.detectedAt().toString());
    try {
      Operation operation = operations.create(OperationType.DC_FAILOVER, parameters, REQUESTER);
      log.warn("{}: failing {} over, operation {}", trigger.detail(), dc, operation.id());
    } catch (OperationConflictException | InvalidOperationException e) {
      alert(dc, "dc_failover_not_started", trigger.detail() + ": " + e.getMessage());
    }
  }

  private boolean heldByActiveOperation(String dc) {
    return operations.list(RECENT_OPERATIONS).stream()
        .anyMatch(op -> !op.state().terminal() && op.resources().contains("dc:" + dc));
  }

  private void alert(String dc, String reason, String message) {
    Instant now = clock.instant();
    Instant last = lastAlerts.get(dc + "/" + reason);
    if (last != null && last.plus(ALERT_EVERY).isAfter(now)) {
      return;
    }
    lastAlerts.put(dc + "/" + reason, now);
    log.warn("Failover alert ({}): {}", reason, message);
    Counter.builder("switchboard.failover.alerts")
        .description("Automatic failovers not done, and why")
        .tag("reason", reason)
        .register(meters)
        .increment();
  }
}
