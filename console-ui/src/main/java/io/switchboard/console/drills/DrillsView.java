package io.switchboard.console.drills;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSingleSelectionModel;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.switchboard.api.drill.DrillApi;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.console.live.LiveRefresh;
import io.switchboard.console.operations.ConsoleRoles;
import io.switchboard.console.operations.Failures;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Failover drills: the history of drill reports (newest first) and, for the selected one, its
 * report with the timeline chart. Operators run a drill of a node from here ({@link DrillDialog});
 * the running drill's progress is read every second (server push, {@link LiveRefresh}) until it
 * ends, and then its report is shown. A drill already running when the page opens is watched too.
 */
@Route("drills")
@PageTitle("Drills · Switchboard")
@PermitAll
public class DrillsView extends VerticalLayout {

  static final int LIMIT = 50;
  static final Duration REFRESH = Duration.ofSeconds(1);
  static final int FEW_ROWS = 5;

  private final DrillApi drills;
  private final OperationApi operations;
  private final List<DrillReportView> rows = new ArrayList<>();
  private final ListDataProvider<DrillReportView> data =
      new ListDataProvider<>(rows) {
        @Override
        public Object getId(DrillReportView report) {
          return report.id();
        }
      };
  private final Grid<DrillReportView> grid = new Grid<>();
  private final Span status = new Span();
  private final DrillProgress progress = new DrillProgress();
  private final DrillReportPanel report = new DrillReportPanel();
  private final Span noReport = new Span("Select a drill to see its report.");
  private String watching;
  private Registration refresh;

  public DrillsView(
      DrillApi drills,
      OperationApi operations,
      TopologyApi topology,
      AuthenticationContext authentication) {
    this.drills = drills;
    this.operations = operations;
    ConsoleRoles roles = ConsoleRoles.of(authentication);
    setWidthFull();

    H2 title = new H2("Drills");
    title.getStyle().set("margin", "0");
    Button run =
        new Button(
            "Run drill",
            VaadinIcon.BOLT.create(),
            e -> new DrillDialog(topology, operations, this::watch).open());
    run.setId("run-drill");
    run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    run.setEnabled(roles.operator());
    if (!roles.operator()) {
      run.setTooltipText("Running drills needs the OPERATOR role");
    }
    HorizontalLayout header = new HorizontalLayout(title, run);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);

    status.setId("drills-status");
    status
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    grid.setId("drills-grid");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    grid.setItems(data);
    grid.addColumn(r -> OperationPresentation.dateTime(r.startedAt()))
        .setHeader("Started")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(DrillReportView::node).setHeader("Node").setFlexGrow(1);
    grid.addColumn(DrillPresentation::failoverText)
        .setHeader("Failover")
        .setTextAlign(ColumnTextAlign.END)
        .setAutoWidth(true);
    grid.addColumn(r -> DrillPresentation.millis(r.unavailableMillis()))
        .setHeader("Unavailable")
        .setTextAlign(ColumnTextAlign.END)
        .setAutoWidth(true);
    grid.addColumn(DrillReportView::lost)
        .setHeader("Lost")
        .setTextAlign(ColumnTextAlign.END)
        .setAutoWidth(true);
    grid.addComponentColumn(DrillsView::verdictBadge)
        .setHeader("Verdict")
        .setKey("verdict")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.setSelectionMode(Grid.SelectionMode.SINGLE);
    ((GridSingleSelectionModel<DrillReportView>) grid.getSelectionModel())
        .setDeselectAllowed(false);
    grid.asSingleSelect().addValueChangeListener(e -> showReport(e.getValue()));
    grid.setEmptyStateText("No drills yet.");
    fitGrid();

    report.setVisible(false);
    noReport.setId("drill-no-report");
    noReport.getStyle().set("color", "var(--lumo-secondary-text-color)");
    noReport.setVisible(false);

    add(header, status, progress, grid, noReport, report);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    reloadReports();
    if (grid.asSingleSelect().getValue() == null && !rows.isEmpty()) {
      grid.select(rows.get(0));
    }
    if (watching == null) {
      runningDrill().ifPresent(this::watch);
    } else {
      startRefreshing(attach.getUI());
    }
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    stopRefreshing();
  }

  /** Follows the drill run by operation {@code id} until it ends, then shows its report. */
  void watch(String id) {
    watching = id;
    readProgress();
    getUI().ifPresent(this::startRefreshing);
  }

  /** Reads the newest reports; re-renders only what changed. */
  void reloadReports() {
    List<DrillReportView> newest;
    try {
      newest = drills.reports(LIMIT);
    } catch (RuntimeException e) {
      status.setText(Failures.message("list the drill reports", e));
      return;
    }
    long failed = newest.stream().filter(r -> !r.passed()).count();
    status.setText(
        newest.isEmpty()
            ? "No drill has run yet."
            : "The newest "
                + newest.size()
                + (newest.size() == 1 ? " drill" : " drills")
                + " · "
                + failed
                + " failed");
    if (!newest.equals(rows)) {
      DrillReportView selected = grid.asSingleSelect().getValue();
      rows.clear();
      rows.addAll(newest);
      data.refreshAll();
      fitGrid();
      if (selected != null) {
        rows.stream().filter(r -> r.id().equals(selected.id())).findFirst().ifPresent(grid::select);
      }
    }
    noReport.setVisible(!rows.isEmpty() && grid.asSingleSelect().getValue() == null);
  }

  /** Reads the watched drill's operation; when it has ended, shows its report. */
  void readProgress() {
    if (watching == null) {
      return;
    }
    OperationView operation;
    try {
      operation = operations.get(watching);
    } catch (RuntimeException e) {
      status.setText(Failures.message("read the drill " + watching, e));
      return;
    }
    progress.render(operation);
    if (OperationPresentation.isFinished(operation.state())) {
      String ended = watching;
      watching = null;
      stopRefreshing();
      reloadReports();
      Optional<DrillReportView> ownReport =
          rows.stream().filter(r -> r.id().equals(ended)).findFirst();
      if (ownReport.isEmpty()) {
        try {
          ownReport = Optional.ofNullable(drills.report(ended));
        } catch (RuntimeException noReportStored) {
          ownReport = Optional.empty();
        }
      }
      if (ownReport.isPresent()) {
        if (rows.contains(ownReport.get())) {
          grid.select(ownReport.get());
        } else {
          showReport(ownReport.get());
        }
        report.getElement().executeJs("this.scrollIntoView({block: 'start'})");
      } else {
        status.setText(
            "The drill ended "
                + operation.state()
                + " without a report"
                + (operation.failure() == null ? "." : ": " + operation.failure()));
      }
    }
  }

  /** The newest drill that has not ended, if one runs. */
  private Optional<String> runningDrill() {
    try {
      return operations.list(LIMIT).stream()
          .filter(op -> DrillPresentation.TYPE.equals(op.type()))
          .filter(op -> !OperationPresentation.isFinished(op.state()))
          .map(OperationView::id)
          .filter(Objects::nonNull)
          .findFirst();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private void showReport(DrillReportView selected) {
    if (selected == null) {
      return;
    }
    noReport.setVisible(false);
    report.setVisible(true);
    report.show(selected);
  }

  /** A few reports: the grid is as tall as its rows; more: it scrolls in a fixed height. */
  private void fitGrid() {
    boolean few = rows.size() <= FEW_ROWS;
    grid.setAllRowsVisible(few);
    grid.setHeight(few ? null : "14rem");
  }

  private void startRefreshing(UI ui) {
    if (refresh == null && watching != null) {
      refresh = LiveRefresh.every(ui, REFRESH, this::readProgress);
    }
  }

  private void stopRefreshing() {
    if (refresh != null) {
      refresh.remove();
      refresh = null;
    }
  }

  private static StateBadge verdictBadge(DrillReportView report) {
    StateBadge badge = new StateBadge();
    badge.show(
        DrillPresentation.verdict(report.passed()),
        DrillPresentation.verdictTheme(report.passed()));
    badge.addClassName("drill-verdict");
    badge.getElement().setAttribute("data-drill-id", report.id());
    return badge;
  }
}
