package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveProgressTest {

  private static final String CLEAR = "\r\u001b[K";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  private final StringWriter terminal = new StringWriter();

  @Test
  void redrawsOneLineInPlaceAndPrintsEachFinishedStepOnce() {
    LiveProgress progress = new LiveProgress(new PrintWriter(terminal), 200, CLOCK);

    progress.update(switchover("RUNNING", "RUNNING", "PENDING", "PENDING", "PENDING"));
    assertThat(terminal.toString())
        .isEqualTo(CLEAR + "[----] 1/4 catch-up: the catch-up step (0.0 s)");

    progress.update(switchover("RUNNING", "SUCCEEDED", "RUNNING", "PENDING", "PENDING"));
    progress.update(switchover("RUNNING", "SUCCEEDED", "SUCCEEDED", "RUNNING", "PENDING"));
    progress.update(switchover("RUNNING", "SUCCEEDED", "SUCCEEDED", "RUNNING", "PENDING"));
    progress.update(switchover("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"));
    progress.end();

    String shown = terminal.toString();
    assertThat(shown)
        .contains(CLEAR + "1/4 SUCCEEDED catch-up: catch-up done\n")
        .contains(CLEAR + "[#---] 2/4 fence: the fence step (0.0 s)")
        .contains(CLEAR + "[##--] 3/4 promote: the promote step (0.0 s)")
        .contains("4/4 SUCCEEDED publish: publish done\n")
        .endsWith("4/4 SUCCEEDED publish: publish done\n");
    assertThat(shown.split("2/4 SUCCEEDED fence", -1)).as("each step result once").hasSize(2);
  }

  @Test
  void aFailedStepAndTheSkippedRestArePrintedAndTheLineIsCleared() {
    LiveProgress progress = new LiveProgress(new PrintWriter(terminal), 200, CLOCK);

    progress.update(switchover("RUNNING", "SUCCEEDED", "RUNNING", "PENDING", "PENDING"));
    progress.update(switchover("FAILED", "SUCCEEDED", "FAILED", "SKIPPED", "SKIPPED"));
    progress.end();

    assertThat(terminal.toString())
        .endsWith(
            CLEAR
                + "2/4 FAILED    fence: fence done\n"
                + "3/4 SKIPPED   promote: promote done\n"
                + "4/4 SKIPPED   publish: publish done\n");
  }

  @Test
  void theLineIsCutToTheTerminalWidthSoThatItNeverWraps() {
    LiveProgress progress = new LiveProgress(new PrintWriter(terminal), 30, CLOCK);

    progress.update(switchover("RUNNING", "RUNNING", "PENDING", "PENDING", "PENDING"));

    assertThat(terminal.toString()).isEqualTo(CLEAR + "[----] 1/4 catch-up: the c...");
    assertThat(terminal.toString().length() - CLEAR.length()).isEqualTo(29);
  }

  /** An operation in {@code state} whose four steps are in {@code steps}. */
  static OperationView switchover(String state, String... steps) {
    List<String> names = List.of("catch-up", "fence", "promote", "publish");
    List<StepView> views = new ArrayList<>();
    for (int index = 0; index < steps.length; index++) {
      String name = names.get(index);
      boolean ran = !steps[index].equals("PENDING") && !steps[index].equals("RUNNING");
      views.add(
          new StepView(
              name,
              "the " + name + " step",
              steps[index],
              ran ? name + " done" : null,
              null,
              null));
    }
    return new OperationView(
        "op-1",
        "SHARD_SWITCHOVER",
        "Switch shard 17 from americas-1 to americas-2",
        "alice",
        java.util.Map.of(),
        state,
        false,
        null,
        false,
        null,
        List.of(),
        views,
        null,
        null);
  }
}
