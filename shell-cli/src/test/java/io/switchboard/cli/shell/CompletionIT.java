package io.switchboard.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.SwitchboardCli;
import io.switchboard.cli.testing.ClosedPort;
import io.switchboard.cli.testing.DrillReports;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Operations;
import io.switchboard.cli.testing.Topologies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

/**
 * Completion in the interactive shell, asked of the application's {@link Shell} the way JLine asks
 * it when the user presses TAB.
 */
@SpringBootTest(
    classes = SwitchboardCli.class,
    properties = "spring.shell.interactive.enabled=false")
class CompletionIT {

  @Autowired Shell shell;

  @Test
  void completesCommandNames() {
    assertThat(complete(List.of("lo"), 0, 2)).contains("login", "logout");
  }

  @Test
  void completesOptionNamesOfACommand() {
    assertThat(complete(List.of("status", "--"), 1, 2)).contains("--output", "--url", "--token");
  }

  @Test
  void completesOutputFormats() {
    assertThat(complete(List.of("status", "--output", ""), 2, 0)).contains("table", "json");
  }

  @Test
  void completesTheFaultOfNodeAndShardDrills() {
    assertThat(complete(List.of("drill", "run", "node", "europe-1", "--fault", ""), 5, 0))
        .contains("kill", "partition");
    assertThat(complete(List.of("drill", "run", "shard", "17", "--fault", ""), 5, 0))
        .contains("kill", "partition");
    assertThat(complete(List.of("drill", "run", "dc", "europe", "--"), 4, 2))
        .as("a DC drill only kills")
        .contains("--dc")
        .doesNotContain("--fault");
  }

  @Test
  void completesOperationIdsAsTheFirstArgumentAndAsTheValueOfId() {
    try (FakeControlPlane controlPlane =
        FakeControlPlane.serving(Topologies.fourDataCentres())
            .withOperation(Operations.succeededSwitchover())
            .withOperation(Operations.rolledBackSwitchover())) {
      String token = controlPlane.acceptToken("completion-token");
      List<String> connection = List.of("--url", controlPlane.url().toString(), "--token", token);
      for (String command : List.of("show", "watch", "cancel", "approve")) {
        List<String> positional = new ArrayList<>(List.of("op", command, ""));
        positional.addAll(connection);
        assertThat(complete(positional, 2, 0))
            .as("op %s <TAB>", command)
            .contains(Operations.SUCCEEDED_ID, Operations.ROLLED_BACK_ID);
      }
      List<String> afterId = new ArrayList<>(List.of("op", "show"));
      afterId.addAll(connection);
      afterId.addAll(List.of("--id", ""));
      assertThat(complete(afterId, afterId.size() - 1, 0))
          .contains(Operations.SUCCEEDED_ID, Operations.ROLLED_BACK_ID);
      assertThat(controlPlane.operationRequests()).contains("GET /api/v1/operations?limit=50");
    }
  }

  @Test
  void operationIdsAreNotProposedForOtherWordsOrCommands() {
    try (FakeControlPlane controlPlane =
        FakeControlPlane.serving(Topologies.fourDataCentres())
            .withOperation(Operations.succeededSwitchover())) {
      String token = controlPlane.acceptToken("completion-token");
      String url = controlPlane.url().toString();

      assertThat(complete(List.of("op", "list", "", "--url", url, "--token", token), 2, 0))
          .doesNotContain(Operations.SUCCEEDED_ID);
      assertThat(
              complete(
                  List.of(
                      "op", "show", Operations.SUCCEEDED_ID, "", "--url", url, "--token", token),
                  3,
                  0))
          .doesNotContain(Operations.SUCCEEDED_ID);
    }
  }

  @Test
  void completesNodeIdsAsTheFirstArgumentAndAsTheValueOfNode() {
    try (FakeControlPlane controlPlane = FakeControlPlane.serving(Topologies.shardMapNodes())) {
      String token = controlPlane.acceptToken("completion-token");
      List<String> connection = List.of("--url", controlPlane.url().toString(), "--token", token);
      for (String command : List.of("show", "drain", "restart")) {
        List<String> positional = new ArrayList<>(List.of("node", command, ""));
        positional.addAll(connection);
        assertThat(complete(positional, 2, 0))
            .as("node %s <TAB>", command)
            .contains("americas-1", "europe-2", "middle-east-3");
      }
      List<String> afterNode = new ArrayList<>(List.of("node", "drain"));
      afterNode.addAll(connection);
      afterNode.addAll(List.of("--node", ""));
      assertThat(complete(afterNode, afterNode.size() - 1, 0)).contains("asia-1", "asia-3");
      assertThat(
              complete(
                  List.of("node", "list", "", "--url", url(controlPlane), "--token", token), 2, 0))
          .as("node list takes no node")
          .doesNotContain("americas-1");
    }
  }

  @Test
  void completesDrillIdsAsTheFirstArgumentOfDrillShowAndAsTheValueOfId() {
    String drill = "0a1b2c3d-0000-4000-8000-000000000001";
    try (FakeControlPlane controlPlane =
        FakeControlPlane.serving(Topologies.shardMapNodes())
            .withOperation(Operations.succeededSwitchover())
            .withDrillReport(
                DrillReports.report(
                    drill, "europe-1", List.of(256), Instant.parse("2025-02-10T08:15:30Z"), 0))) {
      String token = controlPlane.acceptToken("completion-token");
      List<String> connection = List.of("--url", url(controlPlane), "--token", token);
      List<String> positional = new ArrayList<>(List.of("drill", "show", ""));
      positional.addAll(connection);
      List<String> afterId = new ArrayList<>(List.of("drill", "show"));
      afterId.addAll(connection);
      afterId.addAll(List.of("--id", ""));

      assertThat(complete(positional, 2, 0))
          .contains(drill)
          .as("only drills have reports")
          .doesNotContain(Operations.SUCCEEDED_ID);
      assertThat(complete(afterId, afterId.size() - 1, 0)).contains(drill);
      assertThat(controlPlane.readRequests()).contains("GET /api/v1/drills?limit=50");
      List<String> drillNode = new ArrayList<>(List.of("drill", "run", "node", ""));
      drillNode.addAll(connection);
      assertThat(complete(drillNode, 3, 0)).contains("americas-1", "europe-1");
    }
  }

  @Test
  void completesDataCentreIdsAsTheValueOfDc() {
    try (FakeControlPlane controlPlane = FakeControlPlane.serving(Topologies.shardMapNodes())) {
      String token = controlPlane.acceptToken("completion-token");
      for (String command : List.of("node", "shard")) {
        List<String> words =
            List.of(command, "list", "--url", url(controlPlane), "--token", token, "--dc", "");
        assertThat(complete(words, words.size() - 1, 0))
            .as("%s list --dc <TAB>", command)
            .contains("americas", "europe", "asia", "middle-east");
      }
    }
  }

  @Test
  void completesTheDataCentreOfDcFailoverAndSwitchbackAndTheOperationOfDcReport() {
    try (FakeControlPlane controlPlane =
        FakeControlPlane.serving(Topologies.shardMapNodes())
            .withOperation(Operations.succeededSwitchover())) {
      String token = controlPlane.acceptToken("completion-token");
      List<String> connection = List.of("--url", url(controlPlane), "--token", token);
      for (String command : List.of("failover", "switchback")) {
        List<String> positional = new ArrayList<>(List.of("dc", command, ""));
        positional.addAll(connection);
        assertThat(complete(positional, 2, 0))
            .as("dc %s <TAB>", command)
            .contains("americas", "europe", "asia", "middle-east");
      }
      List<String> home = new ArrayList<>(List.of("dc", "gateways"));
      home.addAll(connection);
      home.addAll(List.of("--home", ""));
      assertThat(complete(home, home.size() - 1, 0)).contains("americas", "middle-east");
      List<String> report = new ArrayList<>(List.of("dc", "report", ""));
      report.addAll(connection);
      assertThat(complete(report, 2, 0))
          .contains(Operations.SUCCEEDED_ID)
          .doesNotContain("americas");
    }
  }

  @Test
  void anUnreachableControlPlaneGivesNoProposalsInsteadOfAnError() {
    assertThat(complete(List.of("op", "show", "", "--url", ClosedPort.url()), 2, 0))
        .allMatch(proposal -> proposal.startsWith("-"));
    assertThat(complete(List.of("node", "show", "", "--url", ClosedPort.url()), 2, 0))
        .allMatch(proposal -> proposal.startsWith("-"));
  }

  private static String url(FakeControlPlane controlPlane) {
    return controlPlane.url().toString();
  }

  private List<String> complete(List<String> words, int wordIndex, int position) {
    return shell.complete(new CompletionContext(words, wordIndex, position, null, null)).stream()
        .map(CompletionProposal::value)
        .toList();
  }
}
