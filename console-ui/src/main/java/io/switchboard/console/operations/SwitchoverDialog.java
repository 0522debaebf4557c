package io.switchboard.console.operations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Switch a shard's primary: a shard number, optionally the follower to promote. "Preview" asks the
 * control plane for the plan (a dry run: nothing is stored) and shows its steps and the parameters
 * it fixed (from, target, epoch); "Run", enabled once the current input has a plan, confirms and
 * then creates the operation with the previewed target and hands its id on.
 */
public class SwitchoverDialog extends Dialog {

  static final String TYPE = "SHARD_SWITCHOVER";

  private final OperationApi operations;
  private final Consumer<String> created;
  private final IntegerField shard = new IntegerField("Shard");
  private final TextField target = new TextField("Target node (optional)");
  private final Div plan = new Div();
  private final Button preview = new Button("Preview");
  private final Button run = new Button("Run");
  private OperationView previewed;

  public SwitchoverDialog(OperationApi operations, Consumer<String> created) {
    this.operations = operations;
    this.created = created;
    setId("switchover-dialog");
    setHeaderTitle("Switch shard primary");
    setWidth("min(40rem, 95vw)");
    setCloseOnOutsideClick(false);

    shard.setId("switchover-shard");
    shard.setMin(0);
    shard.setStepButtonsVisible(false);
    shard.setRequiredIndicatorVisible(true);
    shard.setPlaceholder("e.g. 17");
    shard.setHelperText("0 to 1023");
    target.setId("switchover-target");
    target.setPlaceholder("first in-DC follower");
    target.setHelperText("An in-DC follower of the shard, e.g. americas-2");
    target.setClearButtonVisible(true);
    shard.addValueChangeListener(e -> forgetPlan());
    target.addValueChangeListener(e -> forgetPlan());
    HorizontalLayout fields = new HorizontalLayout(shard, target);
    fields.setWidthFull();
    fields.setAlignItems(Alignment.BASELINE);
    fields.setFlexGrow(1, target);
    fields.getStyle().set("flex-wrap", "wrap");

    plan.setId("switchover-plan");
    plan.setWidthFull();

    Paragraph intro =
        new Paragraph(
            "Moves the shard's primary to an in-DC follower without losing acknowledged"
                + " messages: catch-up, fence, promote, publish. Preview first; nothing changes"
                + " until you run it.");
    intro
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)")
        .set("margin-top", "0");
    add(intro, fields, plan);

    preview.setId("switchover-preview");
    preview.addClickListener(e -> preview());
    run.setId("switchover-run");
    run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    run.setEnabled(false);
    run.addClickListener(e -> confirmRun());
    Button close = new Button("Close", e -> close());
    close.setId("switchover-close");
    close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    getFooter().add(close, preview, run);
  }

  /** Pre-fills the shard (e.g. from the shard map); nothing is planned until "Preview". */
  public SwitchoverDialog forShard(int shardNumber) {
    shard.setValue(shardNumber);
    return this;
  }

  // For tests: the footer's buttons are not among the dialog's children.
  Button previewButton() {
    return preview;
  }

  Button runButton() {
    return run;
  }

  /** The request for the current input; with {@code dryRun} only the plan is asked for. */
  OperationRequest request(boolean dryRun) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("shard", shard.getValue() == null ? "" : Integer.toString(shard.getValue()));
    String node = target.getValue() == null ? "" : target.getValue().trim();
    if (!dryRun && previewed != null && previewed.parameters().containsKey("target")) {
      // Run exactly what was previewed: the default follower is pinned by the plan.
      node = previewed.parameters().get("target");
    }
    if (!node.isEmpty()) {
      parameters.put("target", node);
    }
    return new OperationRequest(TYPE, parameters, dryRun);
  }

  private void preview() {
    if (shard.getValue() == null) {
      shard.setInvalid(true);
      shard.setErrorMessage("Enter the shard to switch");
      return;
    }
    forgetPlan();
    try {
      previewed = operations.create(request(true));
    } catch (RuntimeException e) {
      Failures.show("plan the switchover", e);
      showRefusal(Failures.message("plan the switchover", e));
      return;
    }
    showPlan(previewed);
    run.setEnabled(true);
  }

  private void confirmRun() {
    if (previewed == null) {
      return;
    }
    ConfirmDialog confirm = new ConfirmDialog();
    confirm.setId("switchover-confirm");
    confirm.setHeader("Run the switchover?");
    confirm.setText(previewed.title() + ". Clients of the shard see a short pause.");
    confirm.setCancelable(true);
    confirm.setCancelText("Back");
    Button go = new Button("Switch primary");
    go.setId("switchover-confirm-run");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    go.addClickListener(
        e -> {
          confirm.close();
          runIt();
        });
    confirm.setConfirmButton(go);
    confirm.open();
  }

  private void runIt() {
    OperationView operation;
    try {
      operation = operations.create(request(false));
    } catch (RuntimeException e) {
      Failures.show("start the switchover", e);
      forgetPlan();
      showRefusal(Failures.message("start the switchover", e));
      return;
    }
    close();
    created.accept(operation.id());
  }

  private void forgetPlan() {
    previewed = null;
    run.setEnabled(false);
    plan.removeAll();
  }

  private void showRefusal(String message) {
    plan.removeAll();
    Span refusal = new Span(message);
    refusal.setId("switchover-error");
    refusal.getStyle().set("color", "var(--lumo-error-text-color)");
    plan.add(refusal);
  }

  private void showPlan(OperationView operation) {
    plan.removeAll();
    H4 heading = new H4(operation.title());
    heading.setId("switchover-plan-title");
    heading.getStyle().set("margin", "var(--lumo-space-s) 0");

    Div fixed = new Div();
    fixed.setId("switchover-plan-parameters");
    fixed
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "max-content 1fr")
        .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)")
        .set("font-size", "var(--lumo-font-size-s)");
    for (String key : new String[] {"shard", "from", "target", "epoch"}) {
      String value = operation.parameters().get(key);
      if (value == null) {
        continue;
      }
      Span name = new Span(key);
      name.getStyle().set("color", "var(--lumo-secondary-text-color)");
      Span shown = new Span(value);
      shown.setId("switchover-plan-" + key);
      shown.getStyle().set("font-family", "monospace");
      fixed.add(name, shown);
    }

    OrderedList steps = new OrderedList();
    steps.setId("switchover-plan-steps");
    steps.getStyle().set("margin", "var(--lumo-space-s) 0 0").set("padding-left", "1.5em");
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
    plan.add(heading, fixed, steps);
  }
}
