package io.switchboard.cli.operation;

import static io.switchboard.cli.operation.LiveProgressTest.switchover;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.api.operation.OperationView;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationWatcherTest {

  private final List<Duration> pauses = new ArrayList<>();
  private final List<String> shown = new ArrayList<>();
  private final Progress recording =
      new Progress() {
        @Override
        public void update(OperationView operation) {
          shown.add(operation.state());
        }

        @Override
        public void end() {
          shown.add("end");
        }
      };

  @Test
  void pollsEvery300MillisecondsUntilTheOperationHasFinished() {
    Deque<OperationView> answers =
        new ArrayDeque<>(
            List.of(
                switchover("RUNNING", "SUCCEEDED", "RUNNING", "PENDING", "PENDING"),
                switchover("RUNNING", "SUCCEEDED", "SUCCEEDED", "RUNNING", "PENDING"),
                switchover("ROLLED_BACK", "SUCCEEDED", "SUCCEEDED", "FAILED", "SKIPPED")));
    OperationWatcher watcher = new OperationWatcher(pauses::add);

    OperationView finished =
        watcher.watch(
            switchover("RUNNING", "RUNNING", "PENDING", "PENDING", "PENDING"),
            answers::removeFirst,
            recording);

    assertThat(finished.state()).isEqualTo("ROLLED_BACK");
    assertThat(answers).isEmpty();
    assertThat(pauses).hasSize(3).containsOnly(Duration.ofMillis(300));
    assertThat(shown).containsExactly("RUNNING", "RUNNING", "RUNNING", "ROLLED_BACK", "end");
  }

  @Test
  void aFinishedOperationIsNotPolledAgain() {
    OperationWatcher watcher = new OperationWatcher(pauses::add);

    OperationView finished =
        watcher.watch(
            switchover("CANCELLED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"),
            () -> {
              throw new AssertionError("polled");
            },
            recording);

    assertThat(finished.state()).isEqualTo("CANCELLED");
    assertThat(pauses).isEmpty();
  }

  @Test
  void anInterruptStopsWatchingWithExitStatus3AndSaysHowToResume() {
    OperationWatcher watcher =
        new OperationWatcher(
            duration -> {
              throw new InterruptedException();
            });

    assertThatThrownBy(
            () ->
                watcher.watch(
                    switchover("RUNNING", "RUNNING", "PENDING", "PENDING", "PENDING"),
                    () -> null,
                    recording))
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.OPERATION_FAILED))
        .hasMessageContaining("op watch op-1");
    assertThat(shown).endsWith("end");
    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
  }
}
