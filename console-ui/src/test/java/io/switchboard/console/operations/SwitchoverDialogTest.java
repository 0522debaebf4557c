package io.switchboard.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.IntegerField;
import io.switchboard.api.operation.OperationApi;
import io.switchboard.api.operation.OperationRequest;
import io.switchboard.api.operation.OperationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SwitchoverDialogTest {

  /** Answers every dry run with the plan of shard 600 (asia-2 to asia-3, epoch 2). */
  static final class PlanningApi implements OperationApi {
    final List<OperationRequest> requests = new ArrayList<>();

    @Override
    public List<OperationView> list(int limit) {
      return List.of();
    }

    @Override
    public OperationView get(String id) {
      throw new AssertionError("the switchover dialog only plans and creates operations");
    }

    @Override
    public OperationView create(OperationRequest request) {
      requests.add(request);
      return new OperationView(
          request.dryRun() ? null : "op-1",
          "SHARD_SWITCHOVER",
          "Switch shard 600 from asia-2 to asia-3",
          "admin",
          Map.of("shard", "600", "from", "asia-2", "target", "asia-3", "epoch", "2"),
          "PLANNED",
          false,
          null,
          false,
          null,
          List.of("shard:600", "node:asia-2", "node:asia-3"),
          Stream.of("catch-up", "fence", "promote", "publish")
              .map(
                  name ->
                      new OperationView.StepView(name, "does " + name, "PENDING", null, null, null))
              .toList(),
          null,
          null);
    }

    @Override
    public OperationView approve(String id) {
      throw new AssertionError("the switchover dialog only plans and creates operations");
    }

    @Override
    public OperationView cancel(String id) {
      throw new AssertionError("the switchover dialog only plans and creates operations");
    }
  }

  @Test
  void previewIsADryRunShowingStepsAndFixedParametersAndRunPinsThePreviewedTarget() {
    PlanningApi api = new PlanningApi();
    SwitchoverDialog dialog = new SwitchoverDialog(api, id -> {});
    Button run = dialog.runButton();
    assertThat(run.getId()).hasValue("switchover-run");
    assertThat(run.isEnabled()).as("no plan yet").isFalse();

    find(dialog, IntegerField.class, "switchover-shard").setValue(600);
    dialog.previewButton().click();

    assertThat(api.requests)
        .containsExactly(new OperationRequest("SHARD_SWITCHOVER", Map.of("shard", "600"), true));
    assertThat(run.isEnabled()).isTrue();
    assertThat(descendants(dialog).filter(c -> c.getClassNames().contains("plan-step")))
        .extracting(c -> c.getElement().getAttribute("data-step"))
        .containsExactly("catch-up", "fence", "promote", "publish");
    assertThat(text(dialog, "switchover-plan-from")).isEqualTo("asia-2");
    assertThat(text(dialog, "switchover-plan-target")).isEqualTo("asia-3");
    assertThat(text(dialog, "switchover-plan-epoch")).isEqualTo("2");

    assertThat(dialog.request(false))
        .as("the run acts on the follower the preview chose")
        .isEqualTo(
            new OperationRequest(
                "SHARD_SWITCHOVER", Map.of("shard", "600", "target", "asia-3"), false));

    find(dialog, IntegerField.class, "switchover-shard").setValue(601);
    assertThat(run.isEnabled()).as("a changed shard needs a new preview").isFalse();
    assertThat(descendants(dialog).filter(c -> c.getClassNames().contains("plan-step"))).isEmpty();
  }

  private static Stream<Component> descendants(Component root) {
    return Stream.concat(
        Stream.of(root), root.getChildren().flatMap(SwitchoverDialogTest::descendants));
  }

  private static <T extends Component> T find(Component root, Class<T> type, String id) {
    return descendants(root)
        .filter(c -> id.equals(c.getId().orElse(null)))
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no #" + id));
  }

  private static String text(Component root, String id) {
    return ((HasText) find(root, Component.class, id)).getText();
  }
}
