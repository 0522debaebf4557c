package io.switchboard.controlplane.operation.drill;

import io.switchboard.api.drill.DrillReportView.Moment;
import io.switchboard.controlplane.operation.Operation;
import io.switchboard.controlplane.operation.OperationStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The moments a failover's {@code promote} step marked (fenced, elected, promoted, notified), as
   * milliseconds after {@code fault}; only "promoted" at the step's end if it marked none (it found
   * every shard already moved).
   */
  static List<Moment> promotion(Operation failover, Instant fault) {
    Map<String, Instant> marks =
        failover.steps().stream()
            .filter(s -> s.name().equals("promote"))
            .map(OperationStep::marks)
            .findFirst()
            .orElse(Map.of());
    if (marks.isEmpty()) {
      return List.of(new Moment("promoted", millisAfter(fault, finishedAt(failover, "promote"))));
    }
    List<Moment> moments = new ArrayList<>();
    marks.forEach((name, at) -> moments.add(new Moment(name, millisAfter(fault, at))));
    return moments;
  }

  /** Milliseconds from {@code fault} to {@code moment}; null if {@code moment} is null. */
  static Long millisAfter(Instant fault, Instant moment) {
    return moment == null ? null : Duration.between(fault, moment).toMillis();
  }
}
