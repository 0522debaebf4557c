package io.switchboard.console.shards;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.shard.ShardApi;
import io.switchboard.api.shard.ShardMapView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import io.switchboard.console.live.LiveRefresh;
import io.switchboard.console.operations.ConsoleRoles;
import io.switchboard.console.operations.Failures;
import io.switchboard.console.operations.OperationDetailView;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The shard map: all shards as a heatmap, one block per data centre's home range, coloured by the
 * primary's data centre, by health (primary down, replicas missing or down, drift, healthy) or by
 * replication lag, with a legend that counts each colour. A cell's tooltip names the shard, its
 * primary and epoch; a click opens the shard's detail ({@link ShardDetailDialog}), from which
 * operators switch its primary.
 *
 * <p>Refreshed every second while open ({@link LiveRefresh}, server push): the map and the topology
 * are read again and only the cells whose colour or tooltip changed are sent (see {@link
 * ShardHeatmap}). Lag is sampled in the background, a batch of shards per refresh ({@link
 * LagSampler}), and only while lag is the colour mode. The status line says how long drawing took.
 */
@Route("shards")
@PageTitle("Shard map · Switchboard")
@PermitAll
public class ShardsView extends VerticalLayout {

  static final Duration REFRESH = Duration.ofSeconds(1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final ShardApi shards;
  private final TopologyApi topology;
  private final OperationApi operations;
  private final ConsoleRoles roles;
  private final Clock clock = Clock.systemUTC();
  private final RadioButtonGroup<ColourMode> mode = new RadioButtonGroup<>();
  private final IntegerField find = new IntegerField();
  private final Span status = new Span();
  private final Span lagStatus = new Span();
  private final Span drift = new Span();
  private final ShardLegend legend = new ShardLegend();
  private final ShardHeatmap heatmap;
  private ShardMapView shownMap;
  private ClusterState state;
  private LagSampler sampler;
  private Registration refresh;
  private ShardDetailDialog detail;
  private String readAt = "";
  private long readMillis;
  private long renderNanos;
  private int changedCells;

  /** Where lag batches run; tests replace it with a direct executor. */
  Supplier<Executor> background = LagSampler::backgroundAsCurrentUser;

  public ShardsView(
      ShardApi shards,
      TopologyApi topology,
      OperationApi operations,
      AuthenticationContext authentication) {
    this.shards = shards;
    this.topology = topology;
    this.operations = operations;
    this.roles = ConsoleRoles.of(authentication);
    this.heatmap = new ShardHeatmap(this::openShard);
    setWidthFull();
    addClassName("sb-shardmap");
    getElement().appendChild(ShardMapStyles.element());

    H2 title = new H2("Shard map");
    title.getStyle().set("margin", "0");
    status.setId("shard-map-status");
    status
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");

    mode.setId("shard-colour-mode");
    mode.setLabel("Colour by");
    mode.setItems(ColourMode.values());
    mode.setItemLabelGenerator(ColourMode::label);
    mode.setValue(ColourMode.PRIMARY_DC);
    mode.addValueChangeListener(
        e -> {
          if (e.getValue() == null) {
            mode.setValue(e.getOldValue());
            return;
          }
          if (e.getValue() == ColourMode.LAG) {
            sampleLag();
          }
          render();
        });

    find.setId("shard-open");
    find.setPlaceholder("Shard");
    find.setMin(0);
    find.setStepButtonsVisible(false);
    find.setWidth("7rem");
    find.setAriaLabel("Shard number");
    find.addKeyPressListener(Key.ENTER, e -> openTyped());
    Button open = new Button("Open", e -> openTyped());
    open.setId("shard-open-button");
    open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout finder = new HorizontalLayout(find, open);
    finder.setSpacing(false);
    finder.setAlignItems(Alignment.BASELINE);

    HorizontalLayout controls = new HorizontalLayout(mode, finder);
    controls.setWidthFull();
    controls.setAlignItems(Alignment.END);
    controls.expand(mode);
    controls.getStyle().set("flex-wrap", "wrap");

    lagStatus.setId("shard-lag-status");
    lagStatus
        .getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    drift.setId("shard-map-drift");
    drift
        .getStyle()
        .set("color", "var(--lumo-warning-text-color, var(--lumo-error-text-color))")
        .set("font-size", "var(--lumo-font-size-s)");
    drift.setVisible(false);

    Div header = new Div(title, status);
    header
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("align-items", "baseline")
        .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)");
    add(header, controls, legend, lagStatus, drift, heatmap);
    setSpacing(false);
    getStyle().set("gap", "var(--lumo-space-s)");
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
    if (sampler != null) {
      sampler.stop();
      sampler = null;
    }
  }

  /** Reads the map and the topology again and redraws what changed. */
  void reload() {
    long start = System.nanoTime();
    ShardMapView map;
    TopologyView nodes;
    try {
      map = shards.shards();
      nodes = topology.topology();
    } catch (RuntimeException e) {
      status.setText(Failures.message("read the shard map", e));
      return;
    }
    readMillis = (System.nanoTime() - start) / 1_000_000;
    readAt = TIME.format(clock.instant());
    shownMap = map;
    state = ClusterState.of(nodes, map.drift());
    if (sampler == null || sampler.shardCount() != map.shards().size()) {
      if (sampler != null) {
        sampler.stop();
      }
      sampler = new LagSampler(shards, map.shards().size(), System::currentTimeMillis);
    }
    drift.setText(map.drift().isEmpty() ? "" : "Drift: " + String.join("; ", map.drift()));
    drift.setVisible(!map.drift().isEmpty());
    if (mode.getValue() == ColourMode.LAG) {
      sampleLag();
    }
    render();
  }

  private void sampleLag() {
    if (sampler != null) {
      try {
        sampler.sampleNext(background.get());
      } catch (RuntimeException e) {
        lagStatus.setText(Failures.message("sample the replication lag", e));
      }
    }
  }

  /** Draws the current map in the current colour mode; only changed cells reach the browser. */
  void render() {
    if (shownMap == null) {
      return;
    }
    long start = System.nanoTime();
    ColourMode colours = mode.getValue();
    heatmap.layout(ShardBlocks.of(state.dataCenters(), shownMap.shards().size()));
    LagSampler lags = sampler;
    List<ShardColours.Cell> cells =
        ShardColours.cells(
            colours, shownMap, state, shard -> lags == null ? null : lags.get(shard));
    changedCells = heatmap.show(cells);
    legend.show(ShardColours.legend(colours, state, cells));
    renderNanos = System.nanoTime() - start;

    heatmap.getElement().setAttribute("data-mode", colours.name());
    heatmap.getElement().setAttribute("data-version", Long.toString(shownMap.version()));
    heatmap.getElement().setAttribute("data-render-micros", Long.toString(renderNanos / 1000));
    status.setText(
        "Map version "
            + shownMap.version()
            + " · "
            + shownMap.shards().size()
            + " shards · "
            + (shownMap.drift().isEmpty()
                ? "no drift"
                : shownMap.drift().size()
                    + (shownMap.drift().size() == 1 ? " node" : " nodes")
                    + " drifting")
            + " · updated "
            + readAt
            + " · read in "
            + readMillis
            + " ms, drawn in "
            + String.format(Locale.ROOT, "%.1f", renderNanos / 1e6)
            + " ms ("
            + changedCells
            + (changedCells == 1 ? " cell" : " cells")
            + " changed)");
    lagStatus.setVisible(colours == ColourMode.LAG);
    if (colours == ColourMode.LAG && lags != null) {
      lagStatus.setText(
          "Lag sampled for "
              + lags.sampledShards()
              + " of "
              + lags.shardCount()
              + " shards, "
              + LagSampler.BATCH
              + " per second in the background: a full sweep takes about "
              + (lags.shardCount() + LagSampler.BATCH - 1) / LagSampler.BATCH
              + " s.");
    }
  }

  private void openTyped() {
    Integer shard = find.getValue();
    int count = shownMap == null ? 0 : shownMap.shards().size();
    if (shard == null || shard < 0 || (count > 0 && shard >= count)) {
      find.setInvalid(true);
      find.setErrorMessage(count > 0 ? "0 to " + (count - 1) : "Enter a shard number");
      return;
    }
    find.setInvalid(false);
    openShard(shard);
  }

  /** Opens the detail of {@code shard}. */
  void openShard(int shard) {
    heatmap.select(shard);
    detail =
        new ShardDetailDialog(
            shards,
            topology,
            operations,
            roles,
            shard,
            view -> {
              LagSampler lags = sampler;
              if (lags != null) {
                lags.record(view);
              }
            },
            this::openOperation);
    detail.addOpenedChangeListener(
        e -> {
          if (!e.isOpened()) {
            heatmap.select(-1);
          }
        });
    detail.open();
  }

  private void openOperation(String id) {
    getUI().ifPresent(ui -> ui.navigate(OperationDetailView.class, new RouteParameters("id", id)));
  }

  // For tests.
  ShardDetailDialog detail() {
    return detail;
  }

  ShardHeatmap heatmap() {
    return heatmap;
  }

  ShardLegend legend() {
    return legend;
  }

  RadioButtonGroup<ColourMode> modeSelector() {
    return mode;
  }

  long renderNanos() {
    return renderNanos;
  }

  int changedCells() {
    return changedCells;
  }
}
