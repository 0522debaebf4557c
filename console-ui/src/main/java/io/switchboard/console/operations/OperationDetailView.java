package io.switchboard.console.operations;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.console.live.LiveRefresh;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * One operation: state, progress bar, its steps as a vertical progress list (icon per state,
 * description, what the step found or did, timestamps), its parameters and resources. Refreshed
 * every second until the operation has ended. Operators may cancel it, administrators approve it
 * when it waits for approval; both after a confirmation.
 */
@Route("operations/:id")
@PageTitle("Operation · Switchboard")
@PermitAll
public class OperationDetailView extends VerticalLayout implements BeforeEnterObserver {

  private final OperationApi operations;
  private final ConsoleRoles roles;
  private final H2 title = new H2();
  private final StateBadge state = new StateBadge();
  private final Span meta = new Span();
  private final Div failure = new Div();
  private final ProgressBar progress = new ProgressBar(0, 1);
  private final Span progressLabel = new Span();
  private final Div steps = new Div();
  private final Div parameters = new Div();
  private final Div resources = new Div();
  private final Button cancel = new Button("Cancel operation", VaadinIcon.STOP.create());
  private final Button approve = new Button("Approve", VaadinIcon.CHECK.create());
  private final Div body = new Div();
  private final Span missing = new Span();
  private String id;
  private OperationView shown;
  private Registration refresh;

  public OperationDetailView(OperationApi operations, AuthenticationContext authentication) {
    this.operations = operations;
    this.roles = ConsoleRoles.of(authentication);
    setWidthFull();
    setMaxWidth("72rem");

    RouterLink back = new RouterLink("← Operations", OperationsView.class);
    back.setId("operation-back");

    title.setId("operation-title");
    title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");
    state.setId("operation-state");
    cancel.setId("operation-cancel");
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
    cancel.addClickListener(e -> confirmCancel());
    approve.setId("operation-approve");
    approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
    approve.addClickListener(e -> confirmApprove());
    HorizontalLayout header = new HorizontalLayout(title, state, approve, cancel);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);
    header.getStyle().set("flex-wrap", "wrap");

    meta.setId("operation-meta");
    meta.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    failure.setId("operation-failure");
    failure
        .getStyle()
        .set("color", "var(--lumo-error-text-color)")
        .set("background", "var(--lumo-error-color-10pct)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");

    progress.setId("operation-progress");
    progressLabel.setId("operation-progress-label");
    progressLabel.getStyle().set("font-size", "var(--lumo-font-size-s)");
    Div progressBox = new Div(progress, progressLabel);
    progressBox.setWidthFull();

    steps.setId("operation-steps");
    steps.setWidthFull();
    parameters.setId("operation-parameters");
    resources.setId("operation-resources");

    Div stepsPanel = panel("Steps", steps);
    Div facts = new Div(panel("Parameters", parameters), panel("Resources", resources));
    facts
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-m)");
    Div columns = new Div(stepsPanel, facts);
    columns.setWidthFull();
    columns
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("gap", "var(--lumo-space-m)")
        .set("align-items", "flex-start");
    stepsPanel.getStyle().set("flex", "2 1 28rem");
    facts.getStyle().set("flex", "1 1 16rem").set("min-width", "0");

    body.setWidthFull();
    body.add(header, meta, failure, progressBox, columns);
    body.getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-m)");
    missing.setId("operation-missing");
    add(back, missing, body);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    id = event.getRouteParameters().get("id").orElse("");
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    reload();
    startRefreshing(attach.getUI());
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    stopRefreshing();
  }

  private void startRefreshing(UI ui) {
    if (refresh == null && (shown == null || !OperationPresentation.isFinished(shown.state()))) {
      refresh = LiveRefresh.every(ui, OperationsView.REFRESH, this::reload);
    }
  }

  private void stopRefreshing() {
    if (refresh != null) {
      refresh.remove();
      refresh = null;
    }
  }

  /** Reads the operation again; stops refreshing once it has ended. */
  void reload() {
    OperationView operation;
    try {
      operation = operations.get(id);
    } catch (NoSuchElementException e) {
      showMissing("No operation " + id + ".");
      stopRefreshing();
      return;
    } catch (RuntimeException e) {
      showMissing(Failures.message("read operation " + id, e));
      return;
    }
    if (!operation.equals(shown)) {
      render(operation);
    }
    if (OperationPresentation.isFinished(operation.state())) {
      stopRefreshing();
    }
  }

  private void showMissing(String message) {
    missing.setText(message);
    missing.setVisible(true);
    body.setVisible(shown != null);
  }

  void render(OperationView operation) {
    shown = operation;
    missing.setVisible(false);
    body.setVisible(true);
    title.setText(operation.title());
    state.showOperationState(operation.state());
    getElement().setAttribute("data-state", operation.state());

    StringBuilder line =
        new StringBuilder(operation.type())
            .append(" · ")
            .append(operation.id())
            .append(" · requested by ")
            .append(operation.requester())
            .append(" · created ")
            .append(OperationPresentation.dateTime(operation.createdAt()))
            .append(" · updated ")
            .append(OperationPresentation.dateTime(operation.updatedAt()));
    if (operation.approvalRequired()) {
      line.append(
          operation.approver() == null
              ? " · needs approval"
              : " · approved by " + operation.approver());
    }
    if (operation.cancelRequested() && !OperationPresentation.isFinished(operation.state())) {
      line.append(" · cancel requested: stops at the next step");
    }
    meta.setText(line.toString());

    failure.setText(operation.failure() == null ? "" : operation.failure());
    failure.setVisible(operation.failure() != null && !operation.failure().isBlank());

    progress.setValue(OperationPresentation.progress(operation));
    progress.getElement().getThemeList().removeAll(List.of("success", "error", "contrast"));
    String theme = OperationPresentation.progressTheme(operation.state());
    if (!theme.isEmpty()) {
      progress.getElement().getThemeList().add(theme);
    }
    progressLabel.setText(OperationPresentation.progressLabel(operation));

    steps.removeAll();
    List<OperationView.StepView> planned = Objects.requireNonNullElse(operation.steps(), List.of());
    int number = 0;
    for (OperationView.StepView step : planned) {
      number++;
      steps.add(stepRow(step, number, number == planned.size()));
    }

    parameters.removeAll();
    parameters.add(
        keyValues(
            Objects.requireNonNullElse(operation.parameters(), Map.of()), Function.identity()));
    resources.removeAll();
    List<String> held = Objects.requireNonNullElse(operation.resources(), List.of());
    if (held.isEmpty()) {
      resources.add(
          new Span(OperationPresentation.isFinished(operation.state()) ? "released" : "none"));
    }
    held.forEach(
        resource -> {
          Span chip = new Span(resource);
          chip.getElement().getThemeList().add("badge");
          chip.getElement().getThemeList().add("contrast");
          chip.addClassName("resource");
          chip.getStyle().set("margin", "0 var(--lumo-space-xs) var(--lumo-space-xs) 0");
          resources.add(chip);
        });

    boolean active = !OperationPresentation.isFinished(operation.state());
    cancel.setVisible(roles.operator() && active);
    cancel.setEnabled(!operation.cancelRequested());
    approve.setVisible(
        roles.admin() && "PLANNED".equals(operation.state()) && operation.approvalRequired());
  }

  private static Div stepRow(OperationView.StepView step, int number, boolean last) {
    OperationPresentation.StepLook look = OperationPresentation.StepLook.of(step.state());
    var icon = look.icon().create();
    icon.getStyle().set("color", look.colour()).set("flex-shrink", "0");
    icon.setSize("var(--lumo-icon-size-m)");
    icon.getElement().setAttribute("title", step.state());
    Div rail = new Div(icon);
    rail.getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("align-items", "center");
    if (!last) {
      Div line = new Div();
      line.getStyle()
          .set("flex", "1")
          .set("width", "2px")
          .set("min-height", "1rem")
          .set("background", look.colour());
      rail.add(line);
    }

    Span name = new Span(number + ". " + step.name());
    name.getStyle().set("font-weight", "600");
    Span stepState = new Span(step.state());
    stepState.addClassName("step-state");
    stepState
        .getStyle()
        .set("color", look.colour())
        .set("font-size", "var(--lumo-font-size-xs)")
        .set("font-weight", "600")
        .set("margin-left", "var(--lumo-space-s)");
    Div heading = new Div(name, stepState);
    Div description = new Div(new Span(step.description()));
    description.getStyle().set("color", "var(--lumo-secondary-text-color)");
    Div text = new Div(heading, description);
    if (step.detail() != null && !step.detail().isBlank()) {
      Div detail = new Div(new Span(step.detail()));
      detail.addClassName("step-detail");
      detail
          .getStyle()
          .set("font-family", "monospace")
          .set("font-size", "var(--lumo-font-size-s)")
          .set("overflow-wrap", "anywhere")
          .set("color", "FAILED".equals(step.state()) ? "var(--lumo-error-text-color)" : "inherit");
      text.add(detail);
    }
    Div timing = new Div(new Span(OperationPresentation.stepTiming(step)));
    timing.addClassName("step-timing");
    timing
        .getStyle()
        .set("font-size", "var(--lumo-font-size-xs)")
        .set("color", "var(--lumo-tertiary-text-color)");
    text.add(timing);
    text.getStyle().set("padding-bottom", "var(--lumo-space-m)").set("min-width", "0");

    Div row = new Div(rail, text);
    row.setId("step-" + step.name());
    row.addClassName("step-row");
    row.getElement().setAttribute("data-state", step.state());
    row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)");
    return row;
  }

  private static Div keyValues(Map<String, String> values, Function<String, String> shown) {
    Div grid = new Div();
    grid.getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "max-content 1fr")
        .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)")
        .set("font-size", "var(--lumo-font-size-s)");
    values.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              Span key = new Span(entry.getKey());
              key.getStyle().set("color", "var(--lumo-secondary-text-color)");
              Span value = new Span(shown.apply(entry.getValue()));
              value.getStyle().set("font-family", "monospace");
              value.getElement().setAttribute("data-parameter", entry.getKey());
              grid.add(key, value);
            });
    if (values.isEmpty()) {
      grid.add(new Span("none"));
    }
    return grid;
  }

  private static Div panel(String heading, Div content) {
    H3 h = new H3(heading);
    h.getStyle()
        .set("margin", "0 0 var(--lumo-space-s)")
        .set("font-size", "var(--lumo-font-size-m)");
    Div panel = new Div(h, content);
    panel
        .getStyle()
        .set("background", "var(--lumo-contrast-5pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)")
        .set("min-width", "0");
    return panel;
  }

  private void confirmCancel() {
    confirm(
        "Cancel the operation?",
        "RUNNING".equals(shown.state())
            ? "It stops at the next step boundary; steps already done stay done."
            : "It will not run.",
        "Cancel operation",
        true,
        () -> act("cancel the operation", () -> operations.cancel(id)));
  }

  private void confirmApprove() {
    confirm(
        "Approve the operation?",
        shown.title() + ". It starts at once.",
        "Approve",
        false,
        () -> act("approve the operation", () -> operations.approve(id)));
  }

  private void confirm(
      String header, String text, String confirmText, boolean danger, Runnable onConfirm) {
    ConfirmDialog dialog = new ConfirmDialog();
    dialog.setId("operation-confirm");
    dialog.setHeader(header);
    dialog.setText(text);
    dialog.setCancelable(true);
    dialog.setCancelText("Back");
    Button go = new Button(confirmText);
    go.setId("operation-confirm-button");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    if (danger) {
      go.addThemeVariants(ButtonVariant.LUMO_ERROR);
    }
    go.addClickListener(
        e -> {
          dialog.close();
          onConfirm.run();
        });
    dialog.setConfirmButton(go);
    dialog.open();
  }

  private void act(String action, java.util.function.Supplier<OperationView> call) {
    try {
      render(call.get());
    } catch (RuntimeException e) {
      Failures.show(action, e);
      return;
    }
    getUI().ifPresent(this::startRefreshing);
  }
}
