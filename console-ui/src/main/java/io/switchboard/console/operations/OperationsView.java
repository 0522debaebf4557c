package io.switchboard.console.operations;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
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
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationView;
import io.switchboard.console.live.LiveRefresh;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest operations (title, type, state, requester, created, updated), refreshed every second
 * while the view is open; a row opens the operation's detail. Operators start a shard switchover
 * from here ({@link SwitchoverDialog}).
 */
@Route("operations")
@PageTitle("Operations · Switchboard")
@PermitAll
public class OperationsView extends VerticalLayout {

  static final int LIMIT = 50;
  static final Duration REFRESH = Duration.ofSeconds(1);

  private final OperationApi operations;
  private final List<OperationView> rows = new ArrayList<>();
  private final ListDataProvider<OperationView> data =
      new ListDataProvider<>(rows) {
        @Override
        public Object getId(OperationView operation) {
          return operation.id();
        }
      };
  private final Grid<OperationView> grid = new Grid<>();
  private final Span status = new Span();
  private Registration refresh;

  public OperationsView(OperationApi operations, AuthenticationContext authentication) {
    this.operations = operations;
    ConsoleRoles roles = ConsoleRoles.of(authentication);
    setSizeFull();

    H2 title = new H2("Operations");
    title.getStyle().set("margin", "0");
    Button newSwitchover =
        new Button(
            "New switchover",
            VaadinIcon.EXCHANGE.create(),
            e -> new SwitchoverDialog(operations, this::openOperation).open());
    newSwitchover.setId("new-switchover");
    newSwitchover.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    newSwitchover.setEnabled(roles.operator());
    if (!roles.operator()) {
      newSwitchover.setTooltipText("Starting operations needs the OPERATOR role");
    }
    HorizontalLayout header = new HorizontalLayout(title, newSwitchover);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);

    status.setId("operations-status");
    status
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    grid.setId("operations-grid");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.setItems(data);
    grid.addComponentColumn(OperationsView::titleLink)
        .setHeader("Title")
        .setFlexGrow(3)
        .setKey("title");
    grid.addColumn(OperationView::type).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(OperationsView::stateBadge)
        .setHeader("State")
        .setKey("state")
        .setAutoWidth(true)
        .setFlexGrow(0)
        .setTextAlign(ColumnTextAlign.START);
    grid.addColumn(OperationView::requester).setHeader("Requester").setAutoWidth(true);
    grid.addColumn(op -> OperationPresentation.dateTime(op.createdAt()))
        .setHeader("Created")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(op -> OperationPresentation.dateTime(op.updatedAt()))
        .setHeader("Updated")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addItemClickListener(e -> openOperation(e.getItem().id()));
    grid.setEmptyStateText("No operations yet.");
    grid.setMinHeight("12rem");

    add(header, status, grid);
    expand(grid);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    reload();
    refresh = LiveRefresh.every(attach.getUI(), REFRESH, this::reload);
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    if (refresh != null) {
      refresh.remove();
      refresh = null;
    }
  }

  /** Reads the newest operations; re-renders only what changed. */
  void reload() {
    List<OperationView> newest;
    try {
      newest = operations.list(LIMIT);
    } catch (RuntimeException e) {
      status.setText(Failures.message("list the operations", e));
      return;
    }
    status.setText(
        newest.isEmpty()
            ? ""
            : "The newest "
                + newest.size()
                + " operations · "
                + newest.stream()
                    .filter(op -> !OperationPresentation.isFinished(op.state()))
                    .count()
                + " active · live");
    if (!newest.equals(rows)) {
      rows.clear();
      rows.addAll(newest);
      data.refreshAll();
    }
  }

  private void openOperation(String id) {
    getUI().ifPresent(ui -> ui.navigate(OperationDetailView.class, new RouteParameters("id", id)));
  }

  private static StateBadge stateBadge(OperationView operation) {
    StateBadge badge = StateBadge.ofOperation(operation.state());
    badge.getElement().setAttribute("data-operation-id", operation.id());
    return badge;
  }

  private static RouterLink titleLink(OperationView operation) {
    RouterLink link =
        new RouterLink(
            operation.title(),
            OperationDetailView.class,
            new RouteParameters("id", operation.id()));
    link.addClassName("operation-link");
    link.getElement().setAttribute("data-operation-id", operation.id());
    return link;
  }
}
