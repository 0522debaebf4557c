package io.switchboard.console.shards;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView.ShardSummary;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.console.live.LiveRefresh;
import io.switchboard.console.operations.ConsoleRoles;
import io.switchboard.console.operations.Failures;
import io.switchboard.console.operations.OperationPresentation;
import io.switchboard.console.operations.StateBadge;
import io.switchboard.console.operations.SwitchoverDialog;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * One shard in detail, opened from its cell: its replica set and epoch, every replica with its role
 * by the map and by its own report, node, data centre, health, progress (last and committed
 * sequence) and lag, and the operations that acted on the shard, newest first. Refreshed every
 * second while open. Operators switch its primary from here: "Switch primary" opens the {@link
 * SwitchoverDialog} with the shard filled in.
 */
final class ShardDetailDialog extends Dialog {

  static final Duration REFRESH = Duration.ofSeconds(1);

  private final ShardApi shards;
  private final TopologyApi topology;
  private final int shard;
  private final Consumer<ShardView> loaded;
  private final Div summary = new Div();
  private final Div replicas = new Div();
  private final Div history = new Div();
  private final Span error = new Span();
  private final Button switchPrimary = new Button("Switch primary", VaadinIcon.EXCHANGE.create());
  private ShardView shown;
  private ClusterState shownState;
  private SwitchoverDialog switchover;
  private Registration refresh;

  ShardDetailDialog(
      ShardApi shards,
      TopologyApi topology,
      OperationApi operations,
      ConsoleRoles roles,
      int shard,
      Consumer<ShardView> loaded,
      Consumer<String> openOperation) {
    this.shards = shards;
    this.topology = topology;
    this.shard = shard;
    this.loaded = loaded;
    setId("shard-detail");
    setHeaderTitle("Shard " + shard);
    setWidth("min(52rem, 95vw)");
    getElement().setAttribute("data-shard", Integer.toString(shard));

    summary.setId("shard-detail-summary");
    summary
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("gap", "var(--lumo-space-xs) var(--lumo-space-l)");
    replicas.setId("shard-detail-replicas");
    replicas.setWidthFull();
    replicas
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "repeat(7, auto)")
        .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)")
        .set("font-size", "var(--lumo-font-size-s)")
        .set("overflow-x", "auto");
    history.setId("shard-detail-history");
    history
        .getStyle()
        .set("display", "flex")
        .set("flex-direction", "column")
        .set("gap", "var(--lumo-space-xs)")
        .set("font-size", "var(--lumo-font-size-s)");
    error.setId("shard-detail-error");
    error.getStyle().set("color", "var(--lumo-error-text-color)");
    error.setVisible(false);
    add(
        error,
        summary,
        heading("Replicas"),
        replicas,
        heading("Operations on this shard"),
        history);

    switchPrimary.setId("shard-switch-primary");
    switchPrimary.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    switchPrimary.setEnabled(roles.operator());
    if (!roles.operator()) {
      switchPrimary.setTooltipText("Switching a primary needs the OPERATOR role");
    }
    switchPrimary.addClickListener(
        e -> {
          close();
          switchover = new SwitchoverDialog(operations, openOperation).forShard(shard);
          switchover.open();
        });
    Button close = new Button("Close", e -> close());
    close.setId("shard-detail-close");
    close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    getFooter().add(close, switchPrimary);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    super.onAttach(attach);
    reload();
    refresh = LiveRefresh.every(attach.getUI(), REFRESH, this::reload);
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    if (refresh != null) {
      refresh.remove();
      refresh = null;
    }
    super.onDetach(detach);
  }

  // For tests: the footer's buttons are not among the dialog's children.
  Button switchPrimaryButton() {
    return switchPrimary;
  }

  /** Reads the shard and the topology again; re-renders when something changed. */
  void reload() {
    ShardView view;
    TopologyView nodes;
    try {
      view = shards.shard(shard);
      nodes = topology.topology();
    } catch (NoSuchElementException e) {
      showError("No shard " + shard + ".");
      return;
    } catch (RuntimeException e) {
      showError(Failures.message("read shard " + shard, e));
      return;
    }
    error.setVisible(false);
    loaded.accept(view);
    ClusterState state = ClusterState.of(nodes, List.of());
    if (!view.equals(shown) || !state.equals(shownState)) {
      render(view, state);
    }
  }

  private void showError(String message) {
    error.setText(message);
    error.setVisible(true);
  }

  void render(ShardView view, ClusterState state) {
    shown = view;
    shownState = state;
    ShardSummary set = view.summary();
    getElement().setAttribute("data-epoch", Long.toString(set.epoch()));
    summary.removeAll();
    summary.add(
        fact("Home", state.dcName(set.homeDc()), "shard-detail-home"),
        fact("Primary", set.primary(), "shard-detail-primary"),
        fact("Epoch", Long.toString(set.epoch()), "shard-detail-epoch"),
        fact("Health", ShardColours.health(set, state).reason(), "shard-detail-health"),
        fact("Lag", LagSample.of(view).describe(), "shard-detail-lag"));

    replicas.removeAll();
    for (String title : List.of("Role", "Node", "DC", "Health", "Reports", "Progress", "Lag")) {
      Span header = new Span(title);
      header
          .getStyle()
          .set("color", "var(--lumo-secondary-text-color)")
          .set("font-weight", "600")
          .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
      replicas.add(header);
    }
    for (ShardView.ReplicaView replica : view.replicas()) {
      addReplicaRow(replica, state);
    }

    history.removeAll();
    if (view.history().isEmpty()) {
      Span none = new Span("No operation has acted on this shard yet.");
      none.getStyle().set("color", "var(--lumo-secondary-text-color)");
      history.add(none);
    }
    for (ShardView.HistoryEntry entry : view.history()) {
      Anchor link = new Anchor("operations/" + entry.operationId(), entry.title());
      link.addClassName("shard-history-link");
      link.getElement().setAttribute("data-operation-id", entry.operationId());
      link.getElement().addEventListener("click", e -> close());
      StateBadge badge = StateBadge.ofOperation(entry.state());
      Span when = new Span(OperationPresentation.dateTime(entry.createdAt()));
      when.getStyle().set("color", "var(--lumo-secondary-text-color)");
      Div row = new Div(badge, link, when);
      row.addClassName("shard-history-row");
      row.getStyle()
          .set("display", "flex")
          .set("gap", "var(--lumo-space-s)")
          .set("align-items", "baseline")
          .set("flex-wrap", "wrap");
      history.add(row);
    }
  }

  private void addReplicaRow(ShardView.ReplicaView replica, ClusterState state) {
    NodeHealth health = state.healthOfNode().getOrDefault(replica.node(), NodeHealth.UNKNOWN);
    String healthText =
        state.isDown(replica.node())
            ? "DOWN"
            : !replica.reachable() ? "UNREACHABLE" : health.name();
    Span healthBadge = new Span(healthText);
    healthBadge.getElement().getThemeList().add("badge");
    healthBadge.getElement().getThemeList().add("pill");
    healthBadge
        .getElement()
        .getThemeList()
        .add(
            "UP".equals(healthText)
                ? "success"
                : "UNKNOWN".equals(healthText) ? "contrast" : "error");
    healthBadge.addClassName("replica-health");
    healthBadge.getElement().setAttribute("data-health", healthText);

    Span kind = new Span(replica.kind().toLowerCase());
    kind.getStyle().set("font-weight", "PRIMARY".equals(replica.kind()) ? "600" : "400");
    Span node = new Span(replica.node());
    node.addClassName("replica-node");
    node.getElement().setAttribute("data-node", replica.node());
    node.getElement().setAttribute("data-kind", replica.kind());
    node.getStyle().set("font-family", "monospace");
    Span dc = new Span(state.dcName(replica.dc()));
    Span reports =
        new Span(
            replica.reachable()
                ? replica.role().toLowerCase() + " · epoch " + replica.highestEpoch()
                : "—");
    Span progress =
        new Span(
            replica.reachable()
                ? "last " + replica.lastSeq() + " · committed " + replica.commitSeq()
                : "—");
    progress.getStyle().set("font-variant-numeric", "tabular-nums");
    Span lag =
        new Span(
            !replica.reachable()
                ? "unknown"
                : "PRIMARY".equals(replica.kind())
                    ? "—"
                    : replica.lagRecords() + " entries · " + replica.lagMillis() + " ms");
    lag.getStyle().set("font-variant-numeric", "tabular-nums");
    lag.addClassName("replica-lag");
    replicas.add(kind, node, dc, healthBadge, reports, progress, lag);
  }

  private static Div fact(String name, String value, String id) {
    Span label = new Span(name);
    label
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("margin-right", "var(--lumo-space-xs)");
    Span shownValue = new Span(value);
    shownValue.setId(id);
    shownValue.getStyle().set("font-weight", "600");
    return new Div(label, shownValue);
  }

  private static H4 heading(String text) {
    H4 heading = new H4(text);
    heading.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs)");
    return heading;
  }

  SwitchoverDialog switchover() {
    return switchover;
  }

  ShardView shown() {
    return shown;
  }
}
