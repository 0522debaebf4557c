package io.switchboard.console.drills;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.console.operations.OperationDetailView;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import java.util.List;
import java.util.Objects;

/**
 * One drill report: verdict, the timeline chart ({@link DrillTimeline}, one inline SVG), the
 * figures (failover time, unavailability, writes acknowledged and lost, shards), how the old
 * primary was fenced, and each objective with its verdict.
 */
class DrillReportPanel extends Div {

  private final H3 title = new H3();
  private final StateBadge verdict = new StateBadge();
  private final Span meta = new Span();
  private final RouterLink operation = new RouterLink();
  private final Div chart = new Div();
  private final Div figures = new Div();
  private final Div fencing = new Div();
  private final Div objectives = new Div();
  private DrillReportView shown;

  DrillReportPanel() {
    setId("drill-report");
    setWidthFull();
    getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-s)")
        .set("background", "var(--lumo-contrast-5pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)")
        .set("box-sizing", "border-box");

    title.setId("drill-report-title");
    title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-l)");
    verdict.setId("drill-report-verdict");
    operation.setId("drill-report-operation");
    operation.getStyle().set("font-size", "var(--lumo-font-size-s)");
    HorizontalLayout header = new HorizontalLayout(title, verdict, operation);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);
    header.getStyle().set("flex-wrap", "wrap");

    meta.setId("drill-report-meta");
    meta.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    chart.setId("drill-timeline");
    chart.setWidthFull();
    chart
        .getStyle()
        .set("background", "var(--lumo-base-color)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-xs) 0")
        .set("box-sizing", "border-box");

    figures.setId("drill-figures");
    figures
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "repeat(auto-fit, minmax(9rem, 1fr))")
        .set("gap", "var(--lumo-space-s)");

    fencing.setId("drill-fencing");
    fencing.getStyle().set("font-size", "var(--lumo-font-size-s)").set("overflow-wrap", "anywhere");
    objectives.setId("drill-objectives");
    objectives
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-xs)");

    Div facts = new Div(section("Fencing", fencing), section("Objectives", objectives));
    facts
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "repeat(auto-fit, minmax(18rem, 1fr))")
        .set("gap", "var(--lumo-space-m)");

    add(header, meta, chart, figures, facts);
  }

  DrillReportView shown() {
    return shown;
  }

  /** Shows {@code report}; nothing is sent when it is the one shown already. */
  void show(DrillReportView report) {
    if (Objects.equals(report, shown)) {
      return;
    }
    shown = report;
    getElement().setAttribute("data-drill-id", report.id());
    title.setText("Drill of " + report.node());
    verdict.show(
        DrillPresentation.verdict(report.passed()),
        DrillPresentation.verdictTheme(report.passed()));
    operation.setText("Operation " + report.id());
    operation.setRoute(OperationDetailView.class, new RouteParameters("id", report.id()));
    meta.setText(
        "Fault injected "
            + OperationPresentation.dateTime(report.startedAt())
            + " · "
            + DrillPresentation.shards(report.shards()));

    chart.getElement().setProperty("innerHTML", DrillTimeline.svg(report));

    figures.removeAll();
    figures.add(
        figure("failover", "Failover (first write)", DrillPresentation.failoverText(report)),
        figure(
            "unavailable",
            "Longest unavailability",
            DrillPresentation.millis(report.unavailableMillis())),
        figure("acknowledged", "Writes acknowledged", Long.toString(report.acknowledged())),
        figure("lost", "Acknowledged writes lost", Long.toString(report.lost())));

    fencing.setText(report.fencing() == null ? "not checked" : report.fencing());

    objectives.removeAll();
    List<DrillReportView.Objective> all =
        Objects.requireNonNullElse(report.objectives(), List.of());
    for (DrillReportView.Objective objective : all) {
      StateBadge badge = new StateBadge();
      badge.show(
          DrillPresentation.verdict(objective.passed()),
          DrillPresentation.verdictTheme(objective.passed()));
      Span name = new Span(objective.name());
      name.getStyle().set("font-weight", "600");
      Span numbers = new Span(objective.measured() + " (objective " + objective.target() + ")");
      numbers.getStyle().set("color", "var(--lumo-secondary-text-color)");
      Div row = new Div(badge, name, numbers);
      row.addClassName("drill-objective");
      row.getElement().setAttribute("data-objective", objective.name());
      row.getElement().setAttribute("data-passed", Boolean.toString(objective.passed()));
      row.getElement().setAttribute("title", DrillPresentation.objectiveLine(objective));
      row.getStyle()
          .set("display", "flex")
          .set("flex-wrap", "wrap")
          .set("gap", "var(--lumo-space-s)")
          .set("align-items", "center")
          .set("font-size", "var(--lumo-font-size-s)");
      objectives.add(row);
    }
    if (all.isEmpty()) {
      objectives.add(new Span("none"));
    }
  }

  private static Div figure(String key, String label, String value) {
    Span name = new Span(label);
    name.getStyle()
        .set("display", "block")
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-xs)");
    Span shown = new Span(value);
    shown.addClassName("drill-figure-value");
    shown
        .getStyle()
        .set("display", "block")
        .set("font-size", "var(--lumo-font-size-l)")
        .set("font-weight", "600");
    Div figure = new Div(name, shown);
    figure.addClassName("drill-figure");
    figure.getElement().setAttribute("data-figure", key);
    figure
        .getStyle()
        .set("background", "var(--lumo-base-color)")
        .set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)");
    return figure;
  }

  private static Div section(String heading, Div content) {
    H4 h = new H4(heading);
    h.getStyle()
        .set("margin", "0 0 var(--lumo-space-xs)")
        .set("font-size", "var(--lumo-font-size-s)");
    return new Div(h, content);
  }
}
