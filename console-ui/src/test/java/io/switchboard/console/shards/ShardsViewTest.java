package io.switchboard.console.shards;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import com.vaadin.flow.spring.security.AuthenticationContext;
import elemental.json.Json;
import elemental.json.JsonObject;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.NodeHealth;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardsViewTest {

  private final ShardFixtures.FakeShardApi shards = new ShardFixtures.FakeShardApi();
  private final ShardFixtures.FakeTopologyApi topology = new ShardFixtures.FakeTopologyApi();
  private final ShardsView view =
      new ShardsView(shards, topology, new NoOperations(), new AuthenticationContext());

  ShardsViewTest() {
    view.background = () -> Runnable::run;
  }

  @AfterEach
  void noCurrentUi() {
    UI.setCurrent(null);
  }

  @Test
  void drawsEveryShardOnceAsAPlainElementInOneLabelledBlockPerDataCentre() {
    view.reload();
    ShardHeatmap heatmap = view.heatmap();
    assertThat(heatmap.cellCount()).isEqualTo(1024);
    List<Element> blocks = heatmap.getElement().getChildren().toList();
    assertThat(blocks)
        .extracting(block -> block.getAttribute("id"))
        .containsExactly(
            "shard-block-americas",
            "shard-block-europe",
            "shard-block-asia",
            "shard-block-middle-east");
    assertThat(blocks.get(1).getChild(0).getTextRecursively()).isEqualTo("Europeshards 256–511");
    List<Integer> drawn =
        blocks.stream()
            .flatMap(block -> block.getChild(1).getChildren())
            .map(cell -> Integer.parseInt(cell.getAttribute("data-shard")))
            .toList();
    assertThat(drawn).containsExactlyElementsOf(IntStream.range(0, 1024).boxed().toList());
    assertThat(heatmap.getChildren()).as("cells are elements, not components").isEmpty();

    Element cell = heatmap.cell(600);
    assertThat(cell.getAttribute("data-c")).isEqualTo("dc-2");
    assertThat(cell.getAttribute("title")).startsWith("Shard 600\nprimary asia-1 (Asia)\nepoch 1");
    assertThat(view.legend().shown()).extracting(ShardColours.LegendEntry::count).containsOnly(256);
  }

  @Test
  void anUnchangedRefreshSendsNothingAndAModeSwitchRecoloursEveryCell() {
    view.reload();
    assertThat(view.changedCells()).isEqualTo(1024);
    view.reload();
    assertThat(view.changedCells()).as("nothing changed").isZero();

    view.modeSelector().setValue(ColourMode.HEALTH);
    assertThat(view.changedCells()).isEqualTo(1024);
    assertThat(view.heatmap().keyOf(600)).isEqualTo("health-ok");

    topology.health.put("asia-1", NodeHealth.DOWN);
    view.reload();
    assertThat(view.heatmap().keyOf(513)).isEqualTo("health-primary-down");
    assertThat(view.heatmap().keyOf(514)).isEqualTo("health-replicas");
    assertThat(view.changedCells()).as("the shards asia-1 holds").isEqualTo(256 + 86);
    assertThat(view.legend().shown().get(0))
        .isEqualTo(new ShardColours.LegendEntry("health-primary-down", "Primary down", 85));
    assertThat(view.heatmap().getElement().getAttribute("data-mode")).isEqualTo("HEALTH");
  }

  @Test
  void lagModeDrawsTheShardsSampledSoFarAndPendingTheRest() {
    shards.lagOfNode.put("americas-2", new long[] {3, 2_500});
    view.reload();
    assertThat(shards.shardCalls.get()).as("no lag sampling outside lag mode").isZero();

    view.modeSelector().setValue(ColourMode.LAG);
    assertThat(shards.shardCalls.get()).isEqualTo(LagSampler.BATCH);
    assertThat(view.heatmap().keyOf(0)).as("americas-2 follows shard 0").isEqualTo("lag-3");
    assertThat(view.heatmap().keyOf(LagSampler.BATCH)).isEqualTo("lag-pending");
    view.reload();
    assertThat(view.heatmap().keyOf(LagSampler.BATCH)).isNotEqualTo("lag-pending");
  }

  @Test
  void aRefreshOfTheWholeMapTakesMillisecondsNotSeconds() {
    view.modeSelector().setValue(ColourMode.HEALTH);
    view.reload();
    for (int i = 0; i < 100; i++) { // warm up the JIT, as a running console is
      refreshWithEurope2(i % 2 == 0);
    }
    int rounds = 200;
    long[] took = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      took[i] = refreshWithEurope2(i % 2 == 0);
    }
    java.util.Arrays.sort(took);
    double averageMillis = java.util.Arrays.stream(took).average().orElseThrow() / 1e6;
    long start = System.nanoTime();
    view.modeSelector().setValue(ColourMode.PRIMARY_DC);
    double switchMillis = (System.nanoTime() - start) / 1e6;
    System.out.printf(
        "Shard map refresh (read, colour and diff 1024 cells; ~340 change): average %.2f ms,"
            + " median %.2f ms, p95 %.2f ms; a mode switch (1024 change) %.2f ms%n",
        averageMillis, took[rounds / 2] / 1e6, took[rounds * 95 / 100] / 1e6, switchMillis);
    assertThat(view.changedCells()).isEqualTo(1024);
    assertThat(averageMillis).as("average refresh in ms").isLessThan(25);
  }

  /** A refresh in which europe-2 went down or came back: about 340 cells change. */
  private long refreshWithEurope2(boolean down) {
    topology.health.put("europe-2", down ? NodeHealth.DOWN : NodeHealth.UP);
    long start = System.nanoTime();
    view.reload();
    long took = System.nanoTime() - start;
    assertThat(view.changedCells()).isEqualTo(256 + 85);
    return took;
  }

  @Test
  void aClickOnACellOpensThatShardsDetail() {
    UI ui = new UI(); // a local: the current UI is held weakly
    UI.setCurrent(ui);
    view.reload();
    JsonObject data = Json.createObject();
    data.put(ShardHeatmap.SHARD_DATA, "600");
    view.heatmap()
        .getElement()
        .getNode()
        .getFeature(ElementListenerMap.class)
        .fireEvent(new DomEvent(view.heatmap().getElement(), "click", data));

    ShardDetailDialog detail = view.detail();
    assertThat(detail).as("a shard detail opened").isNotNull();
    assertThat(detail.isOpened()).isTrue();
    detail.reload();
    assertThat(detail.getElement().getAttribute("data-shard")).isEqualTo("600");
    assertThat(detail.shown().summary().primary()).isEqualTo("asia-1");
    assertThat(view.heatmap().cell(600).hasAttribute("data-selected")).isTrue();

    assertThat(ShardHeatmap.shardOf(Json.createObject())).as("a click between cells").isEqualTo(-1);
    assertThat(UI.getCurrent()).isSameAs(ui);
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(Stream.of(root), root.getChildren().flatMap(ShardsViewTest::descendants));
  }

  /** The map itself never touches operations; only the switchover dialog would. */
  static final class NoOperations implements OperationApi {
    @Override
    public List<OperationView> list(int limit) {
      return List.of();
    }

    @Override
    public OperationView get(String id) {
      throw new AssertionError("unexpected");
    }

    @Override
    public OperationView create(OperationRequest request) {
      throw new AssertionError("unexpected");
    }

    @Override
    public OperationView approve(String id) {
      throw new AssertionError("unexpected");
    }

    @Override
    public OperationView cancel(String id) {
      throw new AssertionError("unexpected");
    }
  }
}
