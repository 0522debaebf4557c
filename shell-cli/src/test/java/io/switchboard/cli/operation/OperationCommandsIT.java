package io.switchboard.cli.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.operation.OperationView;
import io.switchboard.api.operation.OperationView.StepView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Operations;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shard switchover} and {@code op ...} run as {@code java -jar switchboard-cli.jar} against
 * a fake control plane whose switchovers advance one step per GET. Standard output is a file here,
 * not a terminal: no progress is drawn and no control sequence may appear.
 */
class OperationCommandsIT {

  private static final String TOKEN = "operator-token";
  private static final String ESCAPE = "\u001b";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();
  private static final String SWITCH_QUESTION =
      "Switch shard 17 from americas-1 to americas-2? [y/N] ";

  @TempDir Path temp;

  private FakeControlPlane controlPlane;
  private CliProcess cli;

  @BeforeEach
  void startControlPlane() {
    controlPlane = FakeControlPlane.serving(Topologies.fourDataCentres());
    controlPlane.acceptToken(TOKEN);
    cli =
        new CliProcess(temp.resolve("config"))
            .env("SWITCHBOARD_URL", controlPlane.url().toString())
            .env("SWITCHBOARD_TOKEN", TOKEN);
  }

  @AfterEach
  void stopControlPlane() {
    controlPlane.close();
  }

  @Test
  void dryRunShowsThePlanAndChangesNothing() {
    CliResult result = cli.run("shard", "switchover", "17", "--dry-run");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .containsPattern("Plan +Switch shard 17 from americas-1 to americas-2\n")
        .containsPattern("From +americas-1\n")
        .containsPattern("Target +americas-2\n")
        .containsPattern("Epoch +5\n")
        .containsPattern("1 +catch-up +Wait until americas-2 holds every entry")
        .containsPattern("2 +fence +Fence the voters of shard 17 at epoch 5")
        .containsPattern("3 +promote +")
        .containsPattern("4 +publish +");
    assertThat(controlPlane.operations()).isEmpty();
    assertThat(controlPlane.operationRequests())
        .singleElement()
        .asString()
        .startsWith("POST /api/v1/operations ")
        .contains("\"dryRun\":true");
  }

  @Test
  void dryRunAsJsonIsThePlanWithoutId() throws IOException {
    CliResult result =
        cli.run("shard", "switchover", "17", "--target", "americas-3", "--dry-run", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    OperationView plan = JSON.readValue(result.stdout(), OperationView.class);
    assertThat(plan.id()).isNull();
    assertThat(plan.state()).isEqualTo("PLANNED");
    assertThat(plan.parameters()).containsEntry("target", "americas-3").containsEntry("epoch", "5");
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void declinedConfirmationChangesNothingAndExitsWith3() {
    CliResult result = cli.standardInput("n\n").run("shard", "switchover", "17");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).contains("Plan").contains("Switch shard 17");
    assertThat(result.stderr())
        .startsWith(SWITCH_QUESTION)
        .contains("Error: Not confirmed: nothing was changed.");
    assertThat(controlPlane.operations()).isEmpty();
    assertThat(controlPlane.operationRequests())
        .hasSize(1)
        .allMatch(r -> r.contains("\"dryRun\":true"));
  }

  @Test
  void endOfInputInsteadOfAnAnswerIsNotAConfirmation() {
    CliResult result = cli.standardInput("").run("shard", "switchover", "17");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(controlPlane.operations()).isEmpty();
  }

  @Test
  void confirmedSwitchoverIsWatchedUntilItSucceeds() {
    CliResult result = cli.standardInput("y\n").run("shard", "switchover", "17");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEqualTo(SWITCH_QUESTION);
    assertThat(result.stdout())
        .as("the plan, then the finished operation with every step")
        .containsPattern("State +SUCCEEDED\n")
        .containsPattern("4 +publish +SUCCEEDED +.*shard map version 8 published")
        .containsPattern("2 +fence +SUCCEEDED +.*fenced at epoch 5")
        .doesNotContain(ESCAPE);
    assertThat(controlPlane.operations())
        .singleElement()
        .satisfies(operation -> assertThat(operation.state()).isEqualTo("SUCCEEDED"));
  }

  @Test
  void yesCreatesWithoutAskingAndJsonIsOnlyTheFinalOperation() throws IOException {
    CliResult result = cli.run("shard", "switchover", "17", "--yes", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    OperationView finished = JSON.readValue(result.stdout(), OperationView.class);
    assertThat(finished.state()).isEqualTo("SUCCEEDED");
    assertThat(finished.steps())
        .extracting(StepView::name, StepView::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("catch-up", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("fence", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("promote", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple("publish", "SUCCEEDED"));
    assertThat(finished).isEqualTo(controlPlane.operation(finished.id()));
    List<String> requests = controlPlane.operationRequests();
    assertThat(requests.get(0)).contains("\"dryRun\":true");
    assertThat(requests.get(1))
        .as("creates the switchover to the target of the plan")
        .contains("\"dryRun\":false")
        .contains("\"target\":\"americas-2\"");
    assertThat(requests.subList(2, requests.size()))
        .as("then polls the operation until it has finished, one step per GET")
        .hasSize(4)
        .allMatch(request -> request.equals("GET /api/v1/operations/" + finished.id()));
  }

  @Test
  void failedSwitchoverPrintsItAndExitsWith3() {
    controlPlane.failSwitchoversAt("promote", "americas-2 lost its lease");

    CliResult result = cli.run("shard", "switchover", "17", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout())
        .containsPattern("State +FAILED\n")
        .containsPattern("Failure +promote failed: americas-2 lost its lease")
        .containsPattern("3 +promote +FAILED")
        .containsPattern("4 +publish +SKIPPED");
    assertThat(result.stderr())
        .contains("Error: Operation ")
        .contains("ended FAILED: promote failed: americas-2 lost its lease");
  }

  @Test
  void noWatchReturnsTheRunningOperationAndHowToFollowIt() {
    CliResult result = cli.run("shard", "switchover", "17", "--yes", "--no-watch");

    assertThat(result.exitCode()).as("%s", result).isZero();
    OperationView created = controlPlane.operations().get(0);
    assertThat(created.state()).isEqualTo("RUNNING");
    assertThat(result.stdout())
        .containsPattern("State +RUNNING\n")
        .endsWith("Started. Follow it with: op watch " + created.id() + "\n");
  }

  @Test
  void invalidShardShowsTheProblemDetailAndExitsWith3() {
    CliResult result = cli.run("shard", "switchover", "4096", "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("HTTP 400: '4096' is not a shard: shards are 0 to 1023");
  }

  @Test
  void switchoverWaitingForApprovalIsApprovedAndThenWatched() throws IOException {
    controlPlane.requireApprovalForSwitchovers();

    CliResult created = cli.run("shard", "switchover", "17", "--yes");

    assertThat(created.exitCode()).as("%s", created).isZero();
    String id = controlPlane.operations().get(0).id();
    assertThat(created.stdout())
        .containsPattern("State +PLANNED\n")
        .contains("an ADMIN runs 'op approve " + id + "'");

    CliResult approved = cli.standardInput("yes\n").run("op", "approve", id);

    assertThat(approved.exitCode()).as("%s", approved).isZero();
    assertThat(approved.stderr()).startsWith("Approve operation " + id);
    assertThat(approved.stdout()).containsPattern("State +RUNNING\n");

    CliResult watched = cli.run("op", "watch", id, "--output", "json");

    assertThat(watched.exitCode()).as("%s", watched).isZero();
    assertThat(JSON.readValue(watched.stdout(), OperationView.class).state())
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void watchOfARolledBackOperationExitsWith3() {
    controlPlane.withOperation(Operations.rolledBackSwitchover());

    CliResult result = cli.run("op", "watch", Operations.ROLLED_BACK_ID);

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).containsPattern("State +ROLLED_BACK\n");
    assertThat(result.stderr()).contains("ended ROLLED_BACK: promote failed");
  }

  @Test
  void listShowsTheNewestFirstAsATable() {
    seedTwoOperations();

    CliResult result = cli.run("op", "list");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly("ID", "STATE", "TYPE", "TITLE", "REQUESTER", "CREATED");
    assertThat(lines.get(1))
        .matches(
            Operations.ROLLED_BACK_ID
                + " +ROLLED_BACK +SHARD_SWITCHOVER +Switch shard 300 from europe-1 to europe-3"
                + " +bob +2025-03-01T09:10:00Z");
    assertThat(lines.get(2)).startsWith(Operations.SUCCEEDED_ID).contains("SUCCEEDED", "alice");
    assertThat(controlPlane.operationRequests()).containsExactly("GET /api/v1/operations?limit=20");
  }

  @Test
  void listAsJsonHonoursTheLimit() throws IOException {
    seedTwoOperations();

    CliResult result = cli.run("op", "list", "--limit", "1", "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<OperationView> listed =
        JSON.readValue(result.stdout(), new TypeReference<List<OperationView>>() {});
    assertThat(listed).containsExactly(Operations.rolledBackSwitchover());
  }

  @Test
  void showPrintsTheStepsWithStatesDetailsAndTimes() {
    seedTwoOperations();

    CliResult result = cli.run("op", "show", Operations.ROLLED_BACK_ID);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout())
        .containsPattern("ID +" + Operations.ROLLED_BACK_ID + "\n")
        .containsPattern("State +ROLLED_BACK\n")
        .containsPattern("Failure +promote failed: europe-3 refused the promotion")
        .containsPattern("#  STEP +STATE +STARTED +FINISHED +DETAIL\n")
        .containsPattern(
            "2 +fence +SUCCEEDED +2025-03-01T09:10:00Z +2025-03-01T09:10:00Z +fenced at epoch 9\n")
        .containsPattern("3 +promote +FAILED +.* europe-3 refused the promotion\n")
        .containsPattern("4 +publish +SKIPPED +- +- +-\n");
  }

  @Test
  void showAsJsonIsTheOperationView() throws IOException {
    seedTwoOperations();

    CliResult result = cli.run("op", "show", "--id", Operations.SUCCEEDED_ID, "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).contains("\"createdAt\" : \"2025-03-01T09:00:00Z\"");
    assertThat(JSON.readValue(result.stdout(), OperationView.class))
        .isEqualTo(Operations.succeededSwitchover());
  }

  @Test
  void showOfAnUnknownOperationShowsTheProblemDetail() {
    CliResult result = cli.run("op", "show", "no-such-id");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr()).contains("HTTP 404: no operation no-such-id.");
  }

  @Test
  void cancelOfAFinishedOperationShowsThe409DetailAndExitsWith3() {
    seedTwoOperations();

    CliResult result = cli.run("op", "cancel", Operations.SUCCEEDED_ID, "--yes");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains(
            "HTTP 409: operation "
                + Operations.SUCCEEDED_ID
                + " is SUCCEEDED: a finished operation cannot be cancelled");
    assertThat(controlPlane.operation(Operations.SUCCEEDED_ID))
        .isEqualTo(Operations.succeededSwitchover());
  }

  @Test
  void cancelAsksFirstAndADeclineSendsNoCancel() {
    CliResult started = cli.run("shard", "switchover", "17", "--yes", "--no-watch");
    assertThat(started.exitCode()).as("%s", started).isZero();
    String id = controlPlane.operations().get(0).id();

    CliResult declined = cli.standardInput("\n").run("op", "cancel", id);

    assertThat(declined.exitCode()).as("%s", declined).isEqualTo(3);
    assertThat(declined.stderr())
        .startsWith(
            "Cancel operation "
                + id
                + " (Switch shard 17 from americas-1 to americas-2, RUNNING)?");
    assertThat(controlPlane.operationRequests()).noneMatch(request -> request.contains("/cancel"));

    CliResult cancelled = cli.standardInput("y\n").run("op", "cancel", id);

    assertThat(cancelled.exitCode()).as("%s", cancelled).isZero();
    assertThat(cancelled.stdout()).containsPattern("State +CANCELLED\n");
    assertThat(controlPlane.operation(id).state()).isEqualTo("CANCELLED");
  }

  private void seedTwoOperations() {
    controlPlane
        .withOperation(Operations.succeededSwitchover())
        .withOperation(Operations.rolledBackSwitchover());
  }
}
