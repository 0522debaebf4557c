package io.switchboard.console.shards;

import static io.switchboard.console.shards.ShardFixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.IntegerField;
import io.switchboard.api.shard.ShardView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.console.operations.ConsoleRoles;
import io.switchboard.console.operations.SwitchoverDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardDetailDialogTest {

  private final ShardFixtures.FakeShardApi shards = new ShardFixtures.FakeShardApi();
  private final ShardFixtures.FakeTopologyApi topology = new ShardFixtures.FakeTopologyApi();
  private final List<ShardView> loaded = new ArrayList<>();

  @AfterEach
  void noCurrentUi() {
    UI.setCurrent(null);
  }

  private ShardDetailDialog dialog(ConsoleRoles roles) {
    return new ShardDetailDialog(
        shards, topology, new ShardsViewTest.NoOperations(), roles, 600, loaded::add, id -> {});
  }

  @Test
  void showsEpochReplicasWithRoleNodeDcHealthProgressAndLagAndTheHistory() {
    topology.health.put("asia-3", NodeHealth.DOWN);
    shards.unreachable.add("asia-3");
    shards.lagOfNode.put("asia-2", new long[] {4, 120});
    shards.history.add(
        new ShardView.HistoryEntry(
            "op-7", "Switch shard 600 from asia-2 to asia-1", "SUCCEEDED", AT, AT));
    ShardDetailDialog dialog = dialog(new ConsoleRoles(true, false));
    dialog.reload();

    assertThat(text(dialog, "shard-detail-epoch")).isEqualTo("1");
    assertThat(text(dialog, "shard-detail-primary")).isEqualTo("asia-1");
    assertThat(text(dialog, "shard-detail-home")).isEqualTo("Asia");
    assertThat(text(dialog, "shard-detail-health")).isEqualTo("replica asia-3 down");
    assertThat(dialog.getElement().getAttribute("data-epoch")).isEqualTo("1");
    List<Component> nodes = withClass(dialog, "replica-node");
    assertThat(nodes)
        .extracting(c -> c.getElement().getAttribute("data-node"))
        .containsExactly("asia-1", "asia-2", "asia-3", "americas-1");
    assertThat(nodes)
        .extracting(c -> c.getElement().getAttribute("data-kind"))
        .containsExactly("PRIMARY", "FOLLOWER", "FOLLOWER", "ASYNC");
    assertThat(withClass(dialog, "replica-health"))
        .extracting(c -> c.getElement().getAttribute("data-health"))
        .containsExactly("UP", "UP", "DOWN", "UP");
    assertThat(withClass(dialog, "replica-lag"))
        .extracting(c -> ((HasText) c).getText())
        .containsExactly("—", "4 entries · 120 ms", "unknown", "0 entries · 0 ms");
    assertThat(texts(dialog)).contains("last 36 · committed 36", "follower · epoch 1", "Americas");
    assertThat(withClass(dialog, "shard-history-link"))
        .extracting(c -> c.getElement().getAttribute("data-operation-id"))
        .containsExactly("op-7");
    assertThat(loaded).as("the detail counts as a lag sample").hasSize(1);
  }

  @Test
  void operatorsSwitchThePrimaryInTheSwitchoverDialogFilledInWithTheShard() {
    assertThat(dialog(new ConsoleRoles(false, false)).switchPrimaryButton().isEnabled())
        .as("viewers cannot")
        .isFalse();

    UI ui = new UI(); // a local: the current UI is held weakly
    UI.setCurrent(ui);
    ShardDetailDialog dialog = dialog(new ConsoleRoles(true, false));
    dialog.open();
    dialog.switchPrimaryButton().click();

    SwitchoverDialog switchover = dialog.switchover();
    assertThat(switchover).as("a switchover dialog").isNotNull();
    assertThat(switchover.isOpened()).isTrue();
    assertThat(
            descendants(switchover)
                .filter(c -> c.getId().filter("switchover-shard"::equals).isPresent())
                .map(IntegerField.class::cast)
                .findFirst()
                .orElseThrow()
                .getValue())
        .isEqualTo(600);
    assertThat(dialog.isOpened()).isFalse();
    assertThat(UI.getCurrent()).isSameAs(ui);
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(
        Stream.of(root), root.getChildren().flatMap(ShardDetailDialogTest::descendants));
  }

  private static List<Component> withClass(Component root, String className) {
    return descendants(root).filter(c -> c.getClassNames().contains(className)).toList();
  }

  private static String text(Component root, String id) {
    return descendants(root)
        .filter(c -> id.equals(c.getId().orElse(null)))
        .map(c -> ((HasText) c).getText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no #" + id));
  }

  private static List<String> texts(Component root) {
    return descendants(root)
        .filter(HasText.class::isInstance)
        .map(c -> ((HasText) c).getText())
        .toList();
  }
}
