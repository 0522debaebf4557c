package io.switchboard.cli.operation;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.cli.output.TextTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text forms of operations, for people: a list table, the details of one operation with its
 * steps, a dry run's plan, and the lines printed while watching. Missing values print as {@code -};
 * times are ISO-8601 UTC to the second. No text ends with a line break.
 */
final class OperationText {

  private static final String NONE = "-";

  /** The operation types whose parameter is a node. */
  private static final Set<String> NODE_TYPES = Set.of(NodeCommands.DRAIN, NodeCommands.RESTART);

  /** The operation types whose parameter is a data centre. */
  private static final Set<String> DC_TYPES =
      Set.of(DcFailoverCommands.FAILOVER, DcFailoverCommands.SWITCHBACK);

  private OperationText() {}

  /**
   * One row per operation (ID, STATE, TYPE, TITLE, REQUESTER, CREATED), newest first as the control
   * plane sends them, or a sentence when there are none.
   */
  static String list(List<OperationView> operations) {
    if (operations.isEmpty()) {
      return "No operations.";
    }
    TextTable table = new TextTable("ID", "STATE", "TYPE", "TITLE", "REQUESTER", "CREATED");
    for (OperationView operation : operations) {
      table.addRow(
          orNone(operation.id()),
          orNone(operation.state()),
          orNone(operation.type()),
          orNone(operation.title()),
          orNone(operation.requester()),
          time(operation.createdAt()));
    }
    return table.render().stripTrailing();
  }

  /** The operation's fields, one per line, then its steps as a table. */
  static String show(OperationView operation) {
    TextTable fields = new TextTable("", "");
    fields.addRow("ID", orNone(operation.id()));
    fields.addRow("Title", orNone(operation.title()));
    fields.addRow("Type", orNone(operation.type()));
    fields.addRow("State", orNone(operation.state()) + cancelNote(operation));
    fields.addRow("Requester", orNone(operation.requester()));
    fields.addRow("Approval", approval(operation));
    fields.addRow("Parameters", parameters(operation.parameters()));
    fields.addRow("Resources", String.join(", ", orEmpty(operation.resources())));
    fields.addRow("Created", time(operation.createdAt()));
    fields.addRow("Updated", time(operation.updatedAt()));
    if (operation.failure() != null && !operation.failure().isBlank()) {
      fields.addRow("Failure", operation.failure());
    }
    TextTable steps = new TextTable("#", "STEP", "STATE", "STARTED", "FINISHED", "DETAIL");
    List<StepView> stepList = orEmpty(operation.steps());
    for (int index = 0; index < stepList.size(); index++) {
      StepView step = stepList.get(index);
      steps.addRow(
          Integer.toString(index + 1),
          orNone(step.name()),
          orNone(step.state()),
          time(step.startedAt()),
          time(step.finishedAt()),
          orNone(step.detail()));
    }
    return withoutHeader(fields.render()) + "\n" + steps.render().stripTrailing();
  }

  /**
   * A dry run's plan: title, what the plan fixed, then the steps it would run. What it fixed: for
   * an operation on a node ({@code NODE_DRAIN}, {@code NODE_RESTART}) the node, and the shards that
   * cannot move when there are any; for a drill ({@code DRILL}) the node it kills, or cuts off its
   * network when the plan's {@code fault} is {@code partition} (and the shard it was chosen by);
   * for a DC failover or switchback ({@code DC_FAILOVER}, {@code DC_SWITCHBACK}) the data centre
   * (and what triggered the failover, when the plan says); for a switchover the shard, from, target
   * and epoch.
   */
  static String plan(OperationView plan) {
    Map<String, String> parameters = orEmpty(plan.parameters());
    TextTable fields = new TextTable("", "");
    fields.addRow("Plan", orNone(plan.title()));
    if (DrillCommands.DRILL.equals(plan.type())) {
      boolean partition =
          DrillFault.PARTITION.optionValue().equals(parameters.get(DrillFault.PARAMETER));
      fields.addRow(
          "Node",
          orNone(parameters.get("node"))
              + (partition ? " (cut off its network by the drill)" : " (killed by the drill)"));
      if (parameters.containsKey("shard")) {
        fields.addRow("Shard", parameters.get("shard") + " (led by the node)");
      }
    } else if (DC_TYPES.contains(plan.type())) {
      fields.addRow("Data centre", orNone(parameters.get("dc")));
      if (parameters.containsKey("trigger")) {
        fields.addRow("Trigger", parameters.get("trigger"));
      }
    } else if (NODE_TYPES.contains(plan.type())) {
      fields.addRow("Node", orNone(parameters.get("node")));
      if (parameters.containsKey("unmovable")) {
        fields.addRow("Unmovable", parameters.get("unmovable") + " (single replica: they stay)");
      }
    } else {
      fields.addRow("Shard", orNone(parameters.get("shard")));
      fields.addRow("From", orNone(parameters.get("from")));
      fields.addRow("Target", orNone(parameters.get("target")));
      fields.addRow("Epoch", orNone(parameters.get("epoch")));
    }
    fields.addRow("Approval", plan.approvalRequired() ? "required (an ADMIN)" : "not required");
    TextTable steps = new TextTable("#", "STEP", "WHAT IT DOES");
    List<StepView> stepList = orEmpty(plan.steps());
    for (int index = 0; index < stepList.size(); index++) {
      StepView step = stepList.get(index);
      steps.addRow(Integer.toString(index + 1), orNone(step.name()), orNone(step.description()));
    }
    return withoutHeader(fields.render()) + "\n" + steps.render().stripTrailing();
  }

  /**
   * The live progress line, for example {@code [##--] 3/4 promote: Promote americas-2 ... (1.2 s)}:
   * one {@code #} per finished step, the number and name of the step running or next, its detail
   * (else its description), and the time since the operation was created.
   */
  static String progress(OperationView operation, Duration elapsed) {
    List<StepView> steps = orEmpty(operation.steps());
    long finished = steps.stream().filter(OperationStates::finished).count();
    StringBuilder bar = new StringBuilder("[");
    for (int index = 0; index < steps.size(); index++) {
      bar.append(index < finished ? '#' : '-');
    }
    bar.append("] ");
    int current = (int) Math.min(finished, Math.max(steps.size() - 1, 0));
    if (steps.isEmpty()) {
      bar.append(operation.state());
    } else {
      StepView step = steps.get(current);
      bar.append(current + 1)
          .append('/')
          .append(steps.size())
          .append(' ')
          .append(step.name())
          .append(": ")
          .append(waiting(operation, step));
    }
    return bar.append(" (").append(seconds(elapsed)).append(')').toString();
  }

  /** The line printed once a step has finished, for example {@code SUCCEEDED fence: ...}. */
  static String stepResult(int index, int count, StepView step) {
    String detail = step.detail() == null || step.detail().isBlank() ? "" : ": " + step.detail();
    return "%d/%d %-9s %s%s".formatted(index + 1, count, step.state(), step.name(), detail);
  }

  /**
   * The last line of a watch, for example {@code Operation 1f0c... SUCCEEDED: Switch shard 17 from
   * americas-1 to americas-2}, with the failure when there is one.
   */
  static String outcome(OperationView operation) {
    String line =
        "Operation " + operation.id() + " " + operation.state() + ": " + orNone(operation.title());
    return operation.failure() == null || operation.failure().isBlank()
        ? line
        : line + "\nFailure: " + operation.failure();
  }

  private static String waiting(OperationView operation, StepView step) {
    if (OperationStates.awaitingApproval(operation)) {
      return "waiting for approval";
    }
    String text = step.detail() != null && !step.detail().isBlank() ? step.detail() : null;
    if (text == null) {
      text = step.description() == null ? step.state() : step.description();
    }
    return operation.cancelRequested() ? text + " [cancel requested]" : text;
  }

  private static String approval(OperationView operation) {
    if (!operation.approvalRequired()) {
      return "not required";
    }
    return operation.approver() == null
        ? "required, waiting for an ADMIN"
        : "approved by " + operation.approver();
  }

  private static String cancelNote(OperationView operation) {
    return operation.cancelRequested() && !OperationStates.finished(operation)
        ? " (cancel requested: stops at the next step boundary)"
        : "";
  }

  private static String parameters(Map<String, String> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return NONE;
    }
    return parameters.entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(Collectors.joining(", "));
  }

  /** A two-column table rendered without its (empty) header line. */
  private static String withoutHeader(String rendered) {
    return rendered.substring(rendered.indexOf('\n') + 1);
  }

  private static String seconds(Duration elapsed) {
    long tenths = Math.max(0, elapsed.toMillis() / 100);
    return tenths / 10 + "." + tenths % 10 + " s";
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? NONE : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
