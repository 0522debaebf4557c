package io.switchboard.console.drills;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.console.operations.Failures;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Run a failover drill: choose a node that is UP and the fault ("Fault": {@value #KILL}, the
 * default, or {@value #PARTITION}); the dialog asks the control plane for the plan of the chosen
 * node and fault (a dry run: nothing is stored; asked again whenever either changes) and shows its
 * steps with a warning saying what the drill does to the node; "Kill node and start drill" ("Cut
 * node off and start drill" for a partition), enabled once the choice has a plan, creates the
 * operation with the parameters {@code node} and {@code fault} and hands its id on.
 */
public class DrillDialog extends Dialog {

  /** The {@code fault} that kills the node abruptly, like a crash (the default). */
  static final String KILL = "kill";

  /** The {@code fault} that cuts the node off its cluster network while its process runs on. */
  static final String PARTITION = "partition";

  private final OperationApi operations;
  private final Consumer<String> started;
  private final Select<String> node = new Select<>();
  private final Select<String> fault = new Select<>();
  private final Div plan = new Div();
  private final Button start = new Button("Kill node and start drill", VaadinIcon.BOLT.create());
  private OperationView planned;

  public DrillDialog(TopologyApi topology, OperationApi operations, Consumer<String> started) {
    this.operations = operations;
    this.started = started;
    setId("drill-dialog");
    setHeaderTitle("Run a failover drill");
    setWidth("min(42rem, 95vw)");
    setCloseOnOutsideClick(false);

    Paragraph intro =
        new Paragraph(
            "A drill fails a node for real and measures the automatic failover: synthetic"
                + " traffic writes to the shards the node leads, the node is killed or cut off"
                + " its cluster network, the drill waits for the first successful write, reads"
                + " every acknowledged write back, brings the node back and checks its old epoch"
                + " is fenced.");
    intro
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)")
        .set("margin-top", "0");

    node.setId("drill-node");
    node.setLabel("Node");
    node.setPlaceholder("Choose a node");
    node.setWidthFull();
    List<String> up;
    try {
      up =
          DrillPresentation.drillableNodes(topology.topology()).stream().map(NodeView::id).toList();
      node.setHelperText(
          up.isEmpty() ? "No node is UP: nothing to drill." : "Only nodes that are UP are listed.");
    } catch (RuntimeException e) {
      up = List.of();
      node.setHelperText(Failures.message("read the topology", e));
    }
    node.setItems(up);
    node.setEnabled(!up.isEmpty());
    node.addValueChangeListener(e -> plan(e.getValue()));

    fault.setId("drill-fault");
    fault.setLabel("Fault");
    fault.setWidthFull();
    fault.setItems(KILL, PARTITION);
    fault.setItemLabelGenerator(DrillDialog::faultLabel);
    fault.setValue(KILL);
    fault.setHelperText(
        "Killed, its process dies abruptly; cut off, peers, monitors and the control plane cannot"
            + " reach it while its process runs on.");
    fault.addValueChangeListener(e -> plan(node.getValue()));

    plan.setId("drill-plan");
    plan.setWidthFull();
    add(intro, node, fault, plan);

    start.setId("drill-start");
    start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    start.setEnabled(false);
    start.addClickListener(e -> startDrill());
    Button close = new Button("Close", e -> close());
    close.setId("drill-close");
    close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    getFooter().add(close, start);
  }

  // For tests: the footer's buttons are not among the dialog's children.
  Button startButton() {
    return start;
  }

  Select<String> nodeSelect() {
    return node;
  }

  Select<String> faultSelect() {
    return fault;
  }

  /** How the Fault select shows {@code value}: "Kill the node" or "Cut it off the network". */
  static String faultLabel(String value) {
    return PARTITION.equals(value) ? "Cut it off the network" : "Kill the node";
  }

  /**
   * The request for {@code nodeId} with {@code fault} ({@value #KILL} or {@value #PARTITION}); with
   * {@code dryRun} only the plan is asked for.
   */
  static OperationRequest request(String nodeId, String fault, boolean dryRun) {
    return new OperationRequest(
        DrillPresentation.TYPE, Map.of("node", nodeId, "fault", fault), dryRun);
  }

  /** The chosen fault; {@value #KILL} if none is (the select allows no empty choice). */
  private String chosenFault() {
    return fault.getValue() == null ? KILL : fault.getValue();
  }

  private void plan(String nodeId) {
    planned = null;
    start.setEnabled(false);
    start.setText(
        PARTITION.equals(chosenFault())
            ? "Cut node off and start drill"
            : "Kill node and start drill");
    plan.removeAll();
    if (nodeId == null || nodeId.isBlank()) {
      return;
    }
    OperationView answer;
    try {
      answer = operations.create(request(nodeId, chosenFault(), true));
    } catch (RuntimeException e) {
      showRefusal(Failures.message("plan a drill of " + nodeId, e));
      return;
    }
    planned = answer;
    showPlan(nodeId, answer);
    start.setEnabled(true);
  }

  private void startDrill() {
    String nodeId = node.getValue();
    if (planned == null || nodeId == null) {
      return;
    }
    OperationView operation;
    try {
      operation = operations.create(request(nodeId, chosenFault(), false));
    } catch (RuntimeException e) {
      Failures.show("start the drill", e);
      planned = null;
      start.setEnabled(false);
      showRefusal(Failures.message("start the drill", e));
      return;
    }
    close();
    started.accept(operation.id());
  }

  private void showRefusal(String message) {
    plan.removeAll();
    Span refusal = new Span(message);
    refusal.setId("drill-error");
    refusal.getStyle().set("color", "var(--lumo-error-text-color)");
    plan.add(refusal);
  }

  /** The plan's warning: what the drill does to {@code nodeId} with {@code fault}. */
  static String warningText(String nodeId, String fault) {
    String effect =
        PARTITION.equals(fault)
            ? "This cuts "
                + nodeId
                + " off its cluster network: peers, monitors and the control plane cannot reach"
                + " it while its process runs on. Clients of the shards it leads see a pause until"
                + " the automatic failover has promoted a follower; a write through "
                + nodeId
                + "'s own gateway must not be acknowledged; the network heals at the end."
            : "This kills "
                + nodeId
                + " abruptly, as if its process died. Clients of the shards it leads see a pause"
                + " until the automatic failover has promoted a follower; the node is started"
                + " again at the end.";
    return effect + " Run drills when nobody else is changing the cluster.";
  }

  private void showPlan(String nodeId, OperationView operation) {
    Div warning = new Div();
    warning.setId("drill-warning");
    var icon = VaadinIcon.WARNING.create();
    icon.getStyle().set("flex-shrink", "0").set("color", "var(--lumo-error-text-color)");
    Span text = new Span(warningText(nodeId, chosenFault()));
    warning.add(icon, text);
    warning
        .getStyle()
        .set("display", "flex")
        .set("gap", "var(--lumo-space-s)")
        .set("align-items", "flex-start")
        .set("color", "var(--lumo-error-text-color)")
        .set("background", "var(--lumo-error-color-10pct)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("margin-top", "var(--lumo-space-m)")
        .set("font-weight", "500");

    H4 heading = new H4(operation.title());
    heading.setId("drill-plan-title");
    heading.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs)");

    OrderedList steps = new OrderedList();
    steps.setId("drill-plan-steps");
    steps.getStyle().set("margin", "0").set("padding-left", "1.5em");
    for (OperationView.StepView step : operation.steps()) {
      Span name = new Span(step.name());
      name.getStyle().set("font-weight", "600");
      Span description = new Span(" — " + step.description());
      description.getStyle().set("color", "var(--lumo-secondary-text-color)");
      ListItem item = new ListItem(name, description);
      item.addClassName("plan-step");
      item.getElement().setAttribute("data-step", step.name());
      steps.add(item);
    }
    plan.add(warning, heading, steps);
  }
}
