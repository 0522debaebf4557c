package io.switchboard.cli.testing;

import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Operations built from the API records, as the control plane would report them. */
public final class Operations {

  /** Id of {@link #succeededSwitchover()}. */
  public static final String SUCCEEDED_ID = "0c5e4a1e-1111-4000-8000-000000000001";

  /** Id of {@link #rolledBackSwitchover()}. */
  public static final String ROLLED_BACK_ID = "0c5e4a1e-2222-4000-8000-000000000002";

  /** When {@link #succeededSwitchover()} was created. */
  public static final Instant CREATED = Instant.parse("2025-03-01T09:00:00Z");

  private Operations() {}

  /** Shard 17 switched from americas-1 to americas-2, every step SUCCEEDED. */
  public static OperationView succeededSwitchover() {
    return new OperationView(
        SUCCEEDED_ID,
        "SHARD_SWITCHOVER",
        "Switch shard 17 from americas-1 to americas-2",
        "alice",
        Map.of("shard", "17", "from", "americas-1", "target", "americas-2", "epoch", "5"),
        "SUCCEEDED",
        false,
        null,
        false,
        null,
        List.of("node:americas-1", "node:americas-2", "shard:17"),
        List.of(
            step("catch-up", "SUCCEEDED", "americas-2 holds every committed entry", 0),
            step("fence", "SUCCEEDED", "fenced at epoch 5", 1),
            step("promote", "SUCCEEDED", "americas-2 is the primary at epoch 5", 2),
            step("publish", "SUCCEEDED", "shard map version 8 published", 3)),
        CREATED,
        CREATED.plusSeconds(4));
  }

  /** Shard 300 from europe-1 to europe-3, rolled back at promote; created after the other. */
  public static OperationView rolledBackSwitchover() {
    Instant created = CREATED.plusSeconds(600);
    return new OperationView(
        ROLLED_BACK_ID,
        "SHARD_SWITCHOVER",
        "Switch shard 300 from europe-1 to europe-3",
        "bob",
        Map.of("shard", "300", "from", "europe-1", "target", "europe-3", "epoch", "9"),
        "ROLLED_BACK",
        false,
        null,
        false,
        "promote failed: europe-3 refused the promotion; europe-1 is primary again",
        List.of("node:europe-1", "node:europe-3", "shard:300"),
        List.of(
            new StepView("catch-up", "Wait", "SUCCEEDED", "caught up", created, created),
            new StepView("fence", "Fence", "SUCCEEDED", "fenced at epoch 9", created, created),
            new StepView(
                "promote", "Promote", "FAILED", "europe-3 refused the promotion", created, created),
            new StepView("publish", "Publish", "SKIPPED", null, null, null)),
        created,
        created.plusSeconds(2));
  }

  private static StepView step(String name, String state, String detail, int second) {
    Instant started = CREATED.plusSeconds(second);
    return new StepView(
        name, "the " + name + " step", state, detail, started, started.plusSeconds(1));
  }
}
