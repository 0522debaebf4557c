package io.switchboard.console.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.topology.DataCenterView;
import io.switchboard.api.topology.NodeHealth;
import io.switchboard.api.topology.NodeRole;
import io.switchboard.api.topology.NodeView;
import io.switchboard.api.topology.TopologyApi;
import io.switchboard.api.topology.TopologyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DrillDialogTest {

  /** Plans every drill with the six drill steps; a real start answers operation "op-7". */
  static final class PlanningApi implements OperationApi {
    final List<OperationRequest> requests = new ArrayList<>();

    @Override
    public List<OperationView> list(int limit) {
      return List.of();
    }

    @Override
    public OperationView get(String id) {
      throw new AssertionError("the drill dialog only plans and creates operations");
    }

    @Override
    public OperationView create(OperationRequest request) {
      requests.add(request);
      String node = request.parameters().get("node");
      return new OperationView(
          request.dryRun() ? null : "op-7",
          "DRILL",
          "Failover drill of " + node,
          "admin",
          request.parameters(),
          request.dryRun() ? "PLANNED" : "RUNNING",
          false,
          null,
          false,
          null,
          List.of("drill:" + node),
          Stream.of(
                  "start-traffic", "inject-fault", "await-failover", "verify", "restore", "report")
              .map(
                  name ->
                      new OperationView.StepView(name, "does " + name, "PENDING", null, null, null))
              .toList(),
          null,
          null);
    }

    @Override
    public OperationView approve(String id) {
      throw new AssertionError("the drill dialog only plans and creates operations");
    }

    @Override
    public OperationView cancel(String id) {
      throw new AssertionError("the drill dialog only plans and creates operations");
    }
  }

  static final class Topology implements TopologyApi {
    @Override
    public TopologyView topology() {
      return new TopologyView(
          List.of(
              new DataCenterView(
                  "middle-east",
                  "Middle East",
                  "ME",
                  768,
                  1023,
                  List.of(
                      node("middle-east-1", NodeHealth.UP),
                      node("middle-east-2", NodeHealth.UP),
                      node("middle-east-3", NodeHealth.DOWN)))),
          Instant.EPOCH);
    }

    @Override
    public NodeView killNode(String nodeId) {
      throw new AssertionError("the dialog never kills a node itself");
    }

    @Override
    public NodeView startNode(String nodeId) {
      throw new AssertionError("the dialog never starts a node itself");
    }
  }

  @Test
  void onlyNodesThatAreUpAreOfferedAndChoosingOnePlansADryRunWithAWarning() {
    PlanningApi api = new PlanningApi();
    List<String> started = new ArrayList<>();
    DrillDialog dialog = new DrillDialog(new Topology(), api, started::add);

    assertThat(dialog.nodeSelect().getListDataView().getItems())
        .containsExactly("middle-east-1", "middle-east-2");
    assertThat(dialog.startButton().isEnabled()).as("no node, no plan").isFalse();

    dialog.nodeSelect().setValue("middle-east-2");

    assertThat(dialog.faultSelect().getValue()).as("the default fault").isEqualTo("kill");
    assertThat(api.requests)
        .containsExactly(
            new OperationRequest("DRILL", Map.of("node", "middle-east-2", "fault", "kill"), true));
    assertThat(dialog.startButton().isEnabled()).isTrue();
    assertThat(descendants(dialog).filter(c -> c.getClassNames().contains("plan-step")))
        .extracting(c -> c.getElement().getAttribute("data-step"))
        .containsExactly(
            "start-traffic", "inject-fault", "await-failover", "verify", "restore", "report");
    assertThat(text(dialog, "drill-plan-title")).isEqualTo("Failover drill of middle-east-2");
    assertThat(texts(find(dialog, "drill-warning")))
        .anyMatch(t -> t.startsWith("This kills middle-east-2 abruptly"));
    assertThat(dialog.startButton().getText()).isEqualTo("Kill node and start drill");

    dialog.startButton().click();
    assertThat(api.requests)
        .last()
        .isEqualTo(
            new OperationRequest("DRILL", Map.of("node", "middle-east-2", "fault", "kill"), false));
    assertThat(started).containsExactly("op-7");
  }

  @Test
  void theFaultSelectOffersKillAndPartitionAndChoosingPartitionPlansAndStartsIt() {
    PlanningApi api = new PlanningApi();
    List<String> started = new ArrayList<>();
    DrillDialog dialog = new DrillDialog(new Topology(), api, started::add);
    var fault = dialog.faultSelect();

    assertThat(fault.getId()).hasValue("drill-fault");
    assertThat(fault.getLabel()).isEqualTo("Fault");
    assertThat(fault.getListDataView().getItems())
        .extracting(fault.getItemLabelGenerator()::apply)
        .containsExactly("Kill the node", "Cut it off the network");
    assertThat(fault.getListDataView().getItems()).containsExactly("kill", "partition");

    fault.setValue("partition");
    assertThat(api.requests).as("no node, no plan").isEmpty();
    dialog.nodeSelect().setValue("middle-east-1");

    assertThat(api.requests)
        .containsExactly(
            new OperationRequest(
                "DRILL", Map.of("node", "middle-east-1", "fault", "partition"), true));
    assertThat(texts(find(dialog, "drill-warning")))
        .anyMatch(t -> t.startsWith("This cuts middle-east-1 off its cluster network"));
    assertThat(dialog.startButton().getText()).isEqualTo("Cut node off and start drill");
    assertThat(dialog.startButton().getIcon()).as("the icon stays").isNotNull();

    fault.setValue("kill");
    assertThat(api.requests)
        .as("a new fault is planned again")
        .last()
        .isEqualTo(
            new OperationRequest("DRILL", Map.of("node", "middle-east-1", "fault", "kill"), true));
    fault.setValue("partition");
    dialog.startButton().click();

    assertThat(api.requests)
        .last()
        .isEqualTo(
            new OperationRequest(
                "DRILL", Map.of("node", "middle-east-1", "fault", "partition"), false));
    assertThat(started).containsExactly("op-7");
  }

  private static NodeView node(String id, NodeHealth health) {
    return new NodeView(
        id,
        "middle-east",
        Set.of(NodeRole.STORE),
        null,
        "127.0.0.1:1",
        health,
        Instant.EPOCH,
        null);
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(Stream.of(root), root.getChildren().flatMap(DrillDialogTest::descendants));
  }

  private static Component find(Component root, String id) {
    return descendants(root)
        .filter(c -> id.equals(c.getId().orElse(null)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no #" + id));
  }

  private static Stream<String> texts(Component root) {
    return descendants(root)
        .filter(HasText.class::isInstance)
        .map(c -> ((HasText) c).getText())
        .filter(t -> t != null && !t.isEmpty());
  }

  private static String text(Component root, String id) {
    return ((HasText) find(root, id)).getText();
  }
}
