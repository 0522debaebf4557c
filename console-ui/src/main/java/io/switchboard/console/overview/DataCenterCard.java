package io.switchboard.console.overview;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import java.util.stream.Collectors;

/**
 * One data centre: name, region, shard range, how many nodes are up, whether clients may use its
 * gateways (a DC failover removes it from the gateway endpoint directory until its switchback), and
 * one row per node. Each node row carries {@code id="node-<id>"} and {@code data-health} so that
 * people and tests can find it; the directory line {@code id="dc-<id>-directory"} and {@code
 * data-serving}.
 */
final class DataCenterCard extends Div {

  /**
   * @param endpoints the DC's entry in the gateway endpoint directory; null if unknown
   */
  DataCenterCard(DataCenterView dc, DataCenterEndpoints endpoints) {
    setId("dc-" + dc.id());
    addClassName("dc-card");
    getStyle()
        .set("background", "var(--lumo-contrast-5pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)");

    H3 name = new H3(dc.name());
    name.getStyle().set("margin", "0");
    long up = dc.healthyNodes();
    Span count = new Span(up + "/" + dc.nodes().size() + " up");
    count.getElement().getThemeList().add("badge");
    count.getElement().getThemeList().add(up == dc.nodes().size() ? "success" : "error");
    HorizontalLayout header = new HorizontalLayout(name, count);
    header.setAlignItems(Alignment.BASELINE);
    header.setWidthFull();
    header.expand(name);

    Span meta =
        new Span("Region " + dc.region() + " · shards " + dc.firstShard() + "–" + dc.lastShard());
    meta.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    add(header, meta);
    if (endpoints != null) {
      add(directoryLine(dc, endpoints));
    }
    dc.nodes().forEach(node -> add(nodeRow(node)));
  }

  private static Div directoryLine(DataCenterView dc, DataCenterEndpoints endpoints) {
    Div line = new Div();
    line.setId("dc-" + dc.id() + "-directory");
    line.getElement().setAttribute("data-serving", Boolean.toString(endpoints.serving()));
    Span badge =
        new Span(endpoints.serving() ? "serving clients" : "removed from the gateway directory");
    badge.getElement().getThemeList().add("badge");
    badge.getElement().getThemeList().add(endpoints.serving() ? "contrast" : "error");
    line.add(badge);
    if (!endpoints.serving()) {
      Span why =
          new Span(
              " "
                  + endpoints.reason()
                  + " · operation "
                  + endpoints.removedBy()
                  + " · since "
                  + endpoints.removedAt());
      why.getStyle()
          .set("color", "var(--lumo-secondary-text-color)")
          .set("font-size", "var(--lumo-font-size-s)");
      line.add(why);
    }
    return line;
  }

  private static Div nodeRow(NodeView node) {
    Div row = new Div();
    row.setId("node-" + node.id());
    row.addClassName("node-row");
    row.getElement().setAttribute("data-health", node.health().name());
    row.getStyle()
        .set("display", "flex")
        .set("align-items", "center")
        .set("gap", "var(--lumo-space-s)")
        .set("padding", "var(--lumo-space-xs) 0")
        .set("border-top", "1px solid var(--lumo-contrast-10pct)");

    Span id = new Span(node.id());
    id.getStyle().set("font-weight", "600").set("min-width", "7rem");
    Span roles =
        new Span(
            node.roles().stream()
                .map(NodeRole::name)
                .sorted()
                .collect(Collectors.joining(", "))
                .toLowerCase());
    roles
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)")
        .set("white-space", "nowrap")
        .set("overflow", "hidden")
        .set("text-overflow", "ellipsis")
        .set("flex", "1");
    Span address =
        new Span(node.gatewayAddress() == null ? node.adminAddress() : node.gatewayAddress());
    address.getStyle().set("font-family", "monospace").set("font-size", "var(--lumo-font-size-s)");
    HealthBadge badge = new HealthBadge(node.health());
    badge.getStyle().set("flex-shrink", "0");
    row.add(id, roles, address, badge);
    if (node.health() == NodeHealth.DOWN && node.lastError() != null) {
      row.getElement().setAttribute("title", node.lastError());
    }
    return row;
  }
}
