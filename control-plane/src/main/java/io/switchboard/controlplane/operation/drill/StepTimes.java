package io.switchboard.controlplane.operation.drill;

import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Reading a drill's timeline off the operations it watches. */
final class StepTimes {

  private StepTimes() {}

  /** When {@code operation}'s step {@code step} finished; null if it has not. */
  static Instant finishedAt(Operation operation, String step) {
    return operation.steps().stream()
        .filter(s -> s.name().equals(step))
        .map(OperationStep::finishedAt)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** Milliseconds from {@code fault} to {@code moment}; null if {@code moment} is null. */
  static Long millisAfter(Instant fault, Instant moment) {
    return moment == null ? null : Duration.between(fault, moment).toMillis();
  }
}
