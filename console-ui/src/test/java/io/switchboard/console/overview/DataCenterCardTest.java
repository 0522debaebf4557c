package io.switchboard.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import io.switchboard.api.dcfailover.GatewayDirectoryView.DataCenterEndpoints;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DataCenterCardTest {

  private static NodeView node(String id, NodeHealth health) {
    return new NodeView(
        id,
        "europe",
        Set.of(NodeRole.GATEWAY, NodeRole.STORE),
        "127.0.0.1:7103",
        "127.0.0.1:7203",
        health,
        Instant.parse("2026-11-25T10:00:00Z"),
        health == NodeHealth.DOWN ? "connection refused" : null);
  }

  @Test
  void rendersOneRowPerNodeWithItsHealthForPeopleAndTests() {
    DataCenterCard card =
        new DataCenterCard(
            new DataCenterView(
                "europe",
                "Europe",
                "EU",
                256,
                511,
                List.of(node("europe-1", NodeHealth.UP), node("europe-2", NodeHealth.DOWN))),
            null);

    assertThat(card.getId()).hasValue("dc-europe");
    List<Component> rows =
        descendants(card).filter(c -> c.getClassNames().contains("node-row")).toList();
    assertThat(rows)
        .extracting(c -> c.getId().orElseThrow())
        .containsExactly("node-europe-1", "node-europe-2");
    assertThat(rows)
        .extracting(c -> c.getElement().getAttribute("data-health"))
        .containsExactly("UP", "DOWN");
    assertThat(rows.get(1).getElement().getAttribute("title")).isEqualTo("connection refused");
    assertThat(texts(card)).contains("1/2 up", "Region EU · shards 256–511", "127.0.0.1:7103");
  }

  @Test
  void aDcRemovedByADcFailoverSaysSoWithTheOperationAndWhy() {
    DataCenterView americas =
        new DataCenterView(
            "americas", "Americas", "AMER", 0, 255, List.of(node("americas-1", NodeHealth.DOWN)));
    DataCenterEndpoints removed =
        new DataCenterEndpoints(
            "americas",
            false,
            List.of("127.0.0.1:7100"),
            Instant.parse("2026-11-26T10:00:00Z"),
            "op-42",
            "DC failover (unreachable trigger)");

    DataCenterCard card = new DataCenterCard(americas, removed);

    Component line =
        descendants(card)
            .filter(c -> c.getId().orElse("").equals("dc-americas-directory"))
            .findFirst()
            .orElseThrow();
    assertThat(line.getElement().getAttribute("data-serving")).isEqualTo("false");
    assertThat(texts(line))
        .contains(
            "removed from the gateway directory",
            " DC failover (unreachable trigger) · operation op-42 · since 2026-11-26T10:00:00Z");
    DataCenterCard serving =
        new DataCenterCard(
            americas,
            new DataCenterEndpoints("americas", true, List.of("127.0.0.1:7100"), null, null, null));
    assertThat(texts(serving)).contains("serving clients");
  }

  @Test
  void healthBadgeColourFollowsHealth() {
    assertThat(new HealthBadge(NodeHealth.UP).getElement().getThemeList()).contains("success");
    assertThat(new HealthBadge(NodeHealth.DOWN).getElement().getThemeList()).contains("error");
    assertThat(new HealthBadge(NodeHealth.UNKNOWN).getElement().getThemeList())
        .contains("contrast");
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(
        Stream.of(root), root.getChildren().flatMap(DataCenterCardTest::descendants));
  }

  private static List<String> texts(Component root) {
    return descendants(root)
        .filter(c -> c instanceof HasText)
        .map(c -> ((HasText) c).getText())
        .toList();
  }
}
