package io.switchboard.controlplane.operation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Operations as metrics: {@code switchboard_operations_total{type,outcome}} counts operations that
 * ended, {@code switchboard_operation_duration_seconds{type,outcome}} times them from creation to
 * their end, and {@code switchboard_operations_active{type}} is how many are not finished.
 */
@Component
class OperationMetrics {

  private final MeterRegistry registry;

  OperationMetrics(MeterRegistry registry, OperationRepository repository) {
    this.registry = registry;
    for (OperationType type : OperationType.values()) {
      registry.gauge(
          "switchboard.operations.active",
          io.micrometer.core.instrument.Tags.of("type", type.name()),
          repository,
          operations ->
              operations.active().stream().filter(operation -> operation.type() == type).count());
    }
  }

  /** Counts and times {@code operation} if its last transition ended it. */
  void observe(Operation operation) {
    if (!operation.state().terminal()) {
      return;
    }
    String type = operation.type().name();
    String outcome = operation.state().name();
    Counter.builder("switchboard.operations")
        .description("Operations that ended, by type and outcome")
        .tags("type", type, "outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("switchboard.operation.duration")
        .description("From an operation's creation to its end")
        .tags("type", type, "outcome", outcome)
        .register(registry)
        .record(Duration.between(operation.createdAt(), operation.updatedAt()));
  }
}
