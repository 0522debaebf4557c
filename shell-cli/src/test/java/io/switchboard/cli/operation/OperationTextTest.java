package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.testing.Operations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationTextTest {

  @Test
  void showListsTheFieldsThenTheSteps() {
    assertThat(OperationText.show(Operations.succeededSwitchover()))
        .isEqualTo(
            """
            ID          0c5e4a1e-1111-4000-8000-000000000001
            Title       Switch shard 17 from americas-1 to americas-2
            Type        SHARD_SWITCHOVER
            State       SUCCEEDED
            Requester   alice
            Approval    not required
            Parameters  %s
            Resources   node:americas-1, node:americas-2, shard:17
            Created     2025-03-01T09:00:00Z
            Updated     2025-03-01T09:00:04Z

            #  STEP      STATE      STARTED               FINISHED              DETAIL
            1  catch-up  SUCCEEDED  2025-03-01T09:00:00Z  2025-03-01T09:00:01Z  americas-2 holds every committed entry
            2  fence     SUCCEEDED  2025-03-01T09:00:01Z  2025-03-01T09:00:02Z  fenced at epoch 5
            3  promote   SUCCEEDED  2025-03-01T09:00:02Z  2025-03-01T09:00:03Z  americas-2 is the primary at epoch 5
            4  publish   SUCCEEDED  2025-03-01T09:00:03Z  2025-03-01T09:00:04Z  shard map version 8 published"""
                .formatted(parameters()));
  }

  @Test
  void planOfANodeOperationShowsTheNodeAndTheShardsThatCannotMove() {
    var plan =
        new io.switchboard.api.operation.OperationView(
            null,
            "NODE_DRAIN",
            "Drain europe-1: move its primaries to its DC's other nodes",
            "operator",
            new java.util.LinkedHashMap<>(
                java.util.Map.of(
                    "node", "europe-1", "shard.256.target", "europe-3", "unmovable", "300")),
            "PLANNED",
            false,
            null,
            false,
            null,
            List.of("node:europe-1", "shard:256"),
            List.of(
                new io.switchboard.api.operation.OperationView.StepView(
                    "switch-shard-256",
                    "Switch shard 256 from europe-1 to europe-3 at 3",
                    "PENDING",
                    null,
                    null,
                    null)),
            null,
            null);

    assertThat(OperationText.plan(plan))
        .isEqualTo(
            """
            Plan       Drain europe-1: move its primaries to its DC's other nodes
            Node       europe-1
            Unmovable  300 (single replica: they stay)
            Approval   not required

            #  STEP              WHAT IT DOES
            1  switch-shard-256  Switch shard 256 from europe-1 to europe-3 at 3""");
  }

  @Test
  void planOfASwitchoverShowsTheShardFromTargetAndEpoch() {
    assertThat(OperationText.plan(Operations.succeededSwitchover()))
        .contains("Shard     17\n")
        .contains("From      americas-1\n")
        .contains("Target    americas-2\n")
        .contains("Epoch     5\n")
        .doesNotContain("Node");
  }

  @Test
  void emptyListIsASentence() {
    assertThat(OperationText.list(List.of())).isEqualTo("No operations.");
  }

  @Test
  void progressOfAnOperationWaitingForApprovalSaysSo() {
    var planned = Operations.succeededSwitchover();
    planned =
        new io.switchboard.api.operation.OperationView(
            planned.id(),
            planned.type(),
            planned.title(),
            planned.requester(),
            planned.parameters(),
            "PLANNED",
            true,
            null,
            false,
            null,
            planned.resources(),
            List.of(),
            planned.createdAt(),
            planned.updatedAt());

    assertThat(OperationText.progress(planned, Duration.ofMillis(1234)))
        .isEqualTo("[] PLANNED (1.2 s)");
    assertThat(OperationText.show(planned)).contains("Approval    required, waiting for an ADMIN");
  }

  /** The parameters as the record's map iterates them (Map.of has no fixed order). */
  private static String parameters() {
    return Operations.succeededSwitchover().parameters().entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
