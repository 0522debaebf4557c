package io.switchboard.console.drills;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.switchboard.api.operation.OperationView;
import io.switchboard.console.operations.OperationDetailView;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import java.util.List;
import java.util.Objects;

/**
 * The drill being watched: its state, a progress bar, one chip per step in its step's colour (the
 * running one highlighted, with what the step found once done) and a link to the operation's full
 * detail.
 */
class DrillProgress extends Div {

  private final Span title = new Span();
  private final StateBadge state = new StateBadge();
  private final RouterLink detail = new RouterLink();
  private final ProgressBar bar = new ProgressBar(0, 1);
  private final Span label = new Span();
  private final Div steps = new Div();
  private final Div failure = new Div();
  private final Button dismiss =
      new Button(VaadinIcon.CLOSE_SMALL.create(), e -> setVisible(false));
  private OperationView shown;

  DrillProgress() {
    setId("drill-progress");
    setWidthFull();
    setVisible(false);
    getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-xs)")
        .set("border", "1px solid var(--lumo-primary-color-50pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("box-sizing", "border-box");

    title.setId("drill-progress-title");
    title.getStyle().set("font-weight", "600");
    state.setId("drill-progress-state");
    detail.setId("drill-progress-operation");
    detail.setText("Operation detail");
    detail.getStyle().set("font-size", "var(--lumo-font-size-s)");
    dismiss.setId("drill-progress-dismiss");
    dismiss.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_CONTRAST);
    dismiss.setAriaLabel("Hide the finished drill's progress");
    dismiss.setTooltipText("Hide");
    dismiss.setVisible(false);
    HorizontalLayout header = new HorizontalLayout(title, state, detail, dismiss);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);
    header.setSpacing(true);

    bar.setId("drill-progress-bar");
    label.setId("drill-progress-label");
    label.getStyle().set("font-size", "var(--lumo-font-size-s)");
    steps.setId("drill-progress-steps");
    steps
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("gap", "var(--lumo-space-xs)");
    failure.setId("drill-progress-failure");
    failure
        .getStyle()
        .set("color", "var(--lumo-error-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    failure.setVisible(false);
    add(header, bar, label, steps, failure);
  }

  OperationView shown() {
    return shown;
  }

  /** Shows the operation's progress; nothing is sent when nothing changed. */
  void render(OperationView operation) {
    if (Objects.equals(operation, shown)) {
      return;
    }
    shown = operation;
    setVisible(true);
    getElement().setAttribute("data-operation-id", operation.id());
    getElement().setAttribute("data-state", operation.state());
    String node = operation.parameters() == null ? null : operation.parameters().get("node");
    title.setText(
        (OperationPresentation.isFinished(operation.state()) ? "Drill of " : "Drill running: ")
            + (node == null ? operation.title() : node));
    state.showOperationState(operation.state());
    dismiss.setVisible(OperationPresentation.isFinished(operation.state()));
    detail.setRoute(OperationDetailView.class, new RouteParameters("id", operation.id()));

    bar.setValue(OperationPresentation.progress(operation));
    bar.setIndeterminate(false);
    bar.getElement().getThemeList().removeAll(List.of("success", "error", "contrast"));
    String theme = OperationPresentation.progressTheme(operation.state());
    if (!theme.isEmpty()) {
      bar.getElement().getThemeList().add(theme);
    }
    label.setText(OperationPresentation.progressLabel(operation) + currentStep(operation));

    steps.removeAll();
    for (OperationView.StepView step :
        Objects.requireNonNullElse(operation.steps(), List.<OperationView.StepView>of())) {
      OperationPresentation.StepLook look = OperationPresentation.StepLook.of(step.state());
      var icon = look.icon().create();
      icon.setSize("var(--lumo-icon-size-s)");
      icon.getStyle().set("color", look.colour());
      Span chip = new Span(icon, new Span(step.name()));
      chip.addClassName("drill-step");
      chip.getElement().setAttribute("data-step", step.name());
      chip.getElement().setAttribute("data-state", step.state());
      String tip = step.description() + (step.detail() == null ? "" : "\n" + step.detail());
      chip.getElement().setAttribute("title", tip);
      chip.getStyle()
          .set("display", "inline-flex")
          .set("align-items", "center")
          .set("gap", "var(--lumo-space-xs)")
          .set("padding", "2px var(--lumo-space-s)")
          .set("border-radius", "var(--lumo-border-radius-m)")
          .set("font-size", "var(--lumo-font-size-s)")
          .set(
              "background",
              "RUNNING".equals(step.state())
                  ? "var(--lumo-primary-color-10pct)"
                  : "var(--lumo-contrast-5pct)");
      steps.add(chip);
    }
    String why = operation.failure();
    failure.setText(why == null ? "" : why);
    failure.setVisible(why != null && !why.isBlank());
  }

  /** " · now: await-failover — Wait for …", or nothing when no step runs. */
  static String currentStep(OperationView operation) {
    if (operation.steps() == null) {
      return "";
    }
    return operation.steps().stream()
        .filter(step -> "RUNNING".equals(step.state()))
        .findFirst()
        .map(step -> " · now: " + step.name() + " — " + step.description())
        .orElse("");
  }
}
