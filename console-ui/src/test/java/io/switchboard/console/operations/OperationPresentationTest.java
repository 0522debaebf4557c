package io.switchboard.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.console.operations.OperationPresentation.StepLook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationPresentationTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  static StepView step(String name, String state) {
    Instant started = "PENDING".equals(state) || "SKIPPED".equals(state) ? null : T0;
    Instant finished =
        "SUCCEEDED".equals(state) || "FAILED".equals(state) ? T0.plusMillis(1250) : null;
    return new StepView(name, "does " + name, state, null, started, finished);
  }

  static OperationView operation(String state, StepView... steps) {
    return new OperationView(
        "op-1",
        "SHARD_SWITCHOVER",
        "Switch shard 17 from americas-1 to americas-2",
        "admin",
        Map.of("shard", "17", "from", "americas-1", "target", "americas-2", "epoch", "2"),
        state,
        false,
        null,
        false,
        null,
        List.of("shard:17"),
        List.of(steps),
        T0,
        T0.plusSeconds(2));
  }

  @Test
  void eachStepStateHasItsOwnIconAndColour() {
    assertThat(StepLook.of("PENDING").icon()).isEqualTo(VaadinIcon.CIRCLE_THIN);
    assertThat(StepLook.of("RUNNING").icon()).isEqualTo(VaadinIcon.PLAY_CIRCLE);
    assertThat(StepLook.of("SUCCEEDED").icon()).isEqualTo(VaadinIcon.CHECK_CIRCLE);
    assertThat(StepLook.of("FAILED").icon()).isEqualTo(VaadinIcon.CLOSE_CIRCLE);
    assertThat(StepLook.of("SKIPPED").icon()).isEqualTo(VaadinIcon.MINUS_CIRCLE);
    assertThat(StepLook.of("SUCCEEDED").colour()).contains("success");
    assertThat(StepLook.of("FAILED").colour()).contains("error");
    assertThat(StepLook.of("RUNNING").colour()).contains("primary");
    assertThat(StepLook.of("something-new")).isEqualTo(StepLook.PENDING);
    assertThat(StepLook.of(null)).isEqualTo(StepLook.PENDING);
  }

  @Test
  void operationStatesMapToBadgeColours() {
    assertThat(OperationPresentation.stateTheme("SUCCEEDED")).isEqualTo("success");
    assertThat(OperationPresentation.stateTheme("FAILED")).isEqualTo("error");
    assertThat(OperationPresentation.stateTheme("ROLLED_BACK")).isEqualTo("error");
    assertThat(OperationPresentation.stateTheme("RUNNING")).isEqualTo("primary");
    assertThat(OperationPresentation.stateTheme("PLANNED")).isEqualTo("warning");
    assertThat(OperationPresentation.stateTheme("APPROVED")).isEmpty();
    assertThat(OperationPresentation.stateTheme("CANCELLED")).isEqualTo("contrast");
    assertThat(OperationPresentation.stateTheme(null)).isEqualTo("contrast");
    assertThat(OperationPresentation.outcomeTheme("DENIED")).isEqualTo("error");
    assertThat(OperationPresentation.outcomeTheme("SUCCEEDED")).isEqualTo("success");
  }

  @Test
  void onlyEndedStatesAreFinished() {
    assertThat(List.of("SUCCEEDED", "FAILED", "CANCELLED", "ROLLED_BACK"))
        .allMatch(OperationPresentation::isFinished);
    assertThat(List.of("PLANNED", "APPROVED", "RUNNING"))
        .noneMatch(OperationPresentation::isFinished);
    assertThat(OperationPresentation.isFinished(null)).isFalse();
  }

  @Test
  void progressIsTheShareOfStepsDone() {
    OperationView halfway =
        operation(
            "RUNNING",
            step("catch-up", "SUCCEEDED"),
            step("fence", "SUCCEEDED"),
            step("promote", "RUNNING"),
            step("publish", "PENDING"));
    assertThat(OperationPresentation.progress(halfway)).isEqualTo(0.5);
    assertThat(OperationPresentation.progressLabel(halfway)).isEqualTo("2 of 4 steps done");

    OperationView skipped =
        operation("RUNNING", step("a", "SKIPPED"), step("b", "SUCCEEDED"), step("c", "PENDING"));
    assertThat(OperationPresentation.progress(skipped)).isEqualTo(2.0 / 3);

    OperationView failed =
        operation("FAILED", step("a", "SUCCEEDED"), step("b", "FAILED"), step("c", "PENDING"));
    assertThat(OperationPresentation.progress(failed)).isEqualTo(1.0 / 3);
    assertThat(OperationPresentation.progressTheme("FAILED")).isEqualTo("error");

    assertThat(OperationPresentation.progress(operation("SUCCEEDED"))).isEqualTo(1.0);
    assertThat(OperationPresentation.progress(operation("PLANNED"))).isZero();
  }

  @Test
  void timesAreUtcAndDurationsReadable() {
    assertThat(OperationPresentation.dateTime(T0)).isEqualTo("2026-11-25 10:00:00 UTC");
    assertThat(OperationPresentation.dateTime(null)).isEmpty();
    assertThat(OperationPresentation.duration(T0, T0.plusMillis(850))).isEqualTo("850 ms");
    assertThat(OperationPresentation.duration(T0, T0.plusMillis(3210))).isEqualTo("3.2 s");
    assertThat(OperationPresentation.duration(T0, T0.plusSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(OperationPresentation.duration(T0, null)).isEmpty();
    assertThat(OperationPresentation.stepTiming(step("a", "SUCCEEDED")))
        .isEqualTo("started 10:00:00 · finished 10:00:01 (1.3 s)");
    assertThat(OperationPresentation.stepTiming(step("a", "RUNNING")))
        .isEqualTo("started 10:00:00");
    assertThat(OperationPresentation.stepTiming(step("a", "PENDING"))).isEqualTo("not started");
    assertThat(OperationPresentation.stepTiming(step("a", "SKIPPED"))).isEqualTo("skipped");
  }

  @Test
  void badgeCarriesStateAndSwapsItsColour() {
    StateBadge badge = StateBadge.ofOperation("RUNNING");
    assertThat(badge.getText()).isEqualTo("RUNNING");
    assertThat(badge.getElement().getAttribute("data-state")).isEqualTo("RUNNING");
    assertThat(badge.getElement().getThemeList()).contains("badge", "primary");
    badge.showOperationState("SUCCEEDED");
    assertThat(badge.getElement().getThemeList())
        .contains("badge", "success")
        .doesNotContain("primary");
  }
}
