package io.switchboard.console.audit;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.switchboard.api.audit.AuditApi;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.console.operations.Failures;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The audit log: who did what, when, with which parameters, and how it ended; newest first,
 * filtered by actor and action (exact match, as the API filters), and the whole log as a CSV
 * download.
 */
@Route("audit")
@PageTitle("Audit · Switchboard")
@PermitAll
public class AuditView extends VerticalLayout {

  static final int LIMIT = 500;
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final AuditApi audit;
  private final TextField actor = new TextField();
  private final TextField action = new TextField();
  private final Grid<AuditEventView> grid = new Grid<>();
  private final Span status = new Span();

  public AuditView(AuditApi audit) {
    this.audit = audit;
    setSizeFull();

    H2 title = new H2("Audit log");
    title.getStyle().set("margin", "0");
    Anchor export =
        new Anchor(
            DownloadHandler.fromInputStream(
                event -> {
                  try {
                    byte[] csv = audit.export().getBytes(StandardCharsets.UTF_8);
                    return new DownloadResponse(
                        new ByteArrayInputStream(csv),
                        "switchboard-audit-"
                            + FILE_STAMP.format(Clock.systemUTC().instant())
                            + ".csv",
                        "text/csv",
                        csv.length);
                  } catch (RuntimeException e) {
                    return DownloadResponse.error(500, Failures.message("export the audit log", e));
                  }
                }),
            "");
    export.setId("audit-export");
    Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD_ALT.create());
    exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    exportButton.setTabIndex(-1);
    export.add(exportButton);
    Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
    refresh.setId("audit-refresh");
    refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout header = new HorizontalLayout(title, refresh, export);
    header.setWidthFull();
    header.setAlignItems(Alignment.CENTER);
    header.expand(title);

    actor.setId("audit-actor");
    actor.setPlaceholder("Actor, e.g. admin");
    actor.setPrefixComponent(VaadinIcon.USER.create());
    action.setId("audit-action");
    action.setPlaceholder("Action, e.g. operation.create");
    action.setPrefixComponent(VaadinIcon.FILTER.create());
    for (TextField filter : List.of(actor, action)) {
      filter.setClearButtonVisible(true);
      filter.setValueChangeMode(ValueChangeMode.LAZY);
      filter.addValueChangeListener(e -> reload());
      filter.setMinWidth("14rem");
    }
    status.setId("audit-status");
    status
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    HorizontalLayout filters = new HorizontalLayout(actor, action, status);
    filters.setAlignItems(Alignment.BASELINE);
    filters.getStyle().set("flex-wrap", "wrap");

    grid.setId("audit-grid");
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(e -> OperationPresentation.dateTime(e.at()))
        .setHeader("Time")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addColumn(AuditEventView::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(AuditEventView::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(e -> wrapping(e.parameters(), true))
        .setHeader("Parameters")
        .setFlexGrow(3);
    grid.addComponentColumn(e -> StateBadge.ofOutcome(e.outcome()))
        .setHeader("Outcome")
        .setAutoWidth(true)
        .setFlexGrow(0);
    grid.addComponentColumn(e -> wrapping(e.detail(), false)).setHeader("Detail").setFlexGrow(2);
    grid.setEmptyStateText("No audit events match.");
    grid.setMinHeight("12rem");

    add(header, filters, grid);
    expand(grid);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    reload();
  }

  /** Reads the newest events matching the filters. */
  void reload() {
    List<AuditEventView> events;
    try {
      events = audit.events(LIMIT, blankToNull(actor.getValue()), blankToNull(action.getValue()));
    } catch (RuntimeException e) {
      status.setText(Failures.message("read the audit log", e));
      return;
    }
    grid.setItems(events);
    status.setText(
        events.size() >= LIMIT
            ? "The newest " + LIMIT + " events; export for all"
            : events.size() + (events.size() == 1 ? " event" : " events"));
  }

  /** Long values without spaces (request records, ids) wrap anywhere instead of being cut. */
  private static Span wrapping(String text, boolean code) {
    Span span = new Span(text == null ? "" : text);
    span.getStyle().set("overflow-wrap", "anywhere").set("white-space", "normal");
    if (code) {
      span.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-s)");
    }
    return span;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
