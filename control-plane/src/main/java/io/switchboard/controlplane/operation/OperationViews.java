package io.switchboard.controlplane.operation;

import io.switchboard.api.operation.OperationView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders operations as the API shows them, with a title for people from their planner. */
@Component
public class OperationViews {

  private final Map<OperationType, OperationPlanner> planners = new EnumMap<>(OperationType.class);

  OperationViews(List<OperationPlanner> planners) {
    planners.forEach(planner -> this.planners.put(planner.type(), planner));
  }

  /** What {@code operation} does, for people. */
  public String title(Operation operation) {
    OperationPlanner planner = planners.get(operation.type());
    return planner == null ? operation.type().label() : planner.title(operation.parameters());
  }

  /** The API form of {@code operation}. */
  public OperationView view(Operation operation) {
    List<OperationView.StepView> steps = new ArrayList<>();
    for (OperationStep step : operation.steps()) {
      steps.add(
          new OperationView.StepView(
              step.name(),
              step.description(),
              step.state().name(),
              step.detail(),
              step.startedAt(),
              step.finishedAt()));
    }
    return new OperationView(
        operation.id(),
        operation.type().name(),
        title(operation),
        operation.requester(),
        operation.parameters(),
        operation.state().name(),
        operation.approvalRequired(),
        operation.approver(),
        operation.cancelRequested(),
        operation.failure(),
        operation.resources().stream().sorted().toList(),
        steps,
        operation.createdAt(),
        operation.updatedAt());
  }
}
