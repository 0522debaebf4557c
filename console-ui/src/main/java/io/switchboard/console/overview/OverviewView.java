package io.switchboard.console.overview;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.switchboard.api.dcfailover.DcFailoverApi;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyEvents;
import io.switchboard.api.topology.TopologyView;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Cluster overview: every data centre with its nodes and their health. Renders the topology once on
 * attach, then again on every change pushed by {@link TopologyEvents} while the view is attached
 * (the subscription is closed on detach, so closed tabs leak nothing).
 */
@Route("")
@PageTitle("Overview · Switchboard")
@PermitAll
public class OverviewView extends VerticalLayout {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final TopologyApi topology;
  private final DcFailoverApi dcFailover;
  private final TopologyEvents events;
  private final Span summary = new Span();
  private final Div dataCenters = new Div();
  private final Div placementNotes = new Div();
  private AutoCloseable subscription;

  public OverviewView(TopologyApi topology, DcFailoverApi dcFailover, TopologyEvents events) {
    this.topology = topology;
    this.dcFailover = dcFailover;
    this.events = events;
    summary.setId("topology-summary");
    placementNotes.setId("placement-notes");
    dataCenters.setId("data-centers");
    dataCenters.setWidthFull();
    dataCenters
        .getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "repeat(auto-fill, minmax(24rem, 1fr))")
        .set("gap", "var(--lumo-space-m)");
    add(new H2("Cluster overview"), summary, placementNotes, dataCenters);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    render(topology.topology());
    UI ui = attach.getUI();
    subscription = events.subscribe(view -> ui.access(() -> render(view)));
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot unsubscribe from topology events", e);
      }
      subscription = null;
    }
  }

  private void render(TopologyView view) {
    long nodes = view.nodes().count();
    long up = view.nodes().filter(n -> n.health() == NodeHealth.UP).count();
    long down = view.nodes().filter(n -> n.health() == NodeHealth.DOWN).count();
    summary.setText(
        view.dataCenters().size()
            + " data centres, "
            + nodes
            + " nodes: "
            + up
            + " up, "
            + down
            + " down · updated "
            + TIME.format(view.observedAt()));
    placementNotes.removeAll();
    view.placementNotes().forEach(note -> placementNotes.add(new Div(new Span(note))));
    dataCenters.removeAll();
    Map<String, DataCenterEndpoints> directory = new HashMap<>();
    dcFailover.gateways(null).dataCenters().forEach(entry -> directory.put(entry.dc(), entry));
    view.dataCenters()
        .forEach(dc -> dataCenters.add(new DataCenterCard(dc, directory.get(dc.id()))));
  }
}
