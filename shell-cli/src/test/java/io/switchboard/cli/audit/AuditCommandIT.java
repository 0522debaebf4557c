package io.switchboard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.audit.AuditEventView;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.AuditEvents;
import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Operations;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} run as {@code java -jar switchboard-cli.jar} against a fake control plane serving
 * the events of {@link AuditEvents}.
 */
class AuditCommandIT {

  private static final String TOKEN = "viewer-token";
  private static final ObjectMapper JSON = CliJson.newObjectMapper();

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
  void listsTheNewestEventsFirstAsATable() {
    CliResult result = cli.run("audit");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).matches("TIME +ACTOR +ACTION +OUTCOME +PARAMETERS +DETAIL");
    assertThat(lines.get(1))
        .matches(
            "2025-03-01T09:12:00Z +alice +operation.cancel +FAILED +id="
                + Operations.SUCCEEDED_ID
                + ", reason=\"done, thanks\" +operation is SUCCEEDED: a finished operation"
                + " cannot be cancelled");
    assertThat(lines.get(3))
        .matches(
            "2025-03-01T09:05:00Z +bob +node.kill +DENIED +node=europe-2 +needs the OPERATOR"
                + " role");
    assertThat(lines.get(4)).startsWith("2025-03-01T09:00:00Z  alice");
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/audit?limit=20");
  }

  @Test
  void filtersByActorAndActionOnTheServer() {
    CliResult result =
        cli.run("audit", "--actor", "bob", "--action", "operation.create", "--limit", "5");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("bob", "operation.create", Operations.ROLLED_BACK_ID);
    assertThat(controlPlane.readRequests())
        .containsExactly("GET /api/v1/audit?limit=5&actor=bob&action=operation.create");
  }

  @Test
  void noMatchingEventsIsASentence() {
    CliResult result = cli.run("audit", "--actor", "carol");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).isEqualTo("No audit events.\n");
  }

  @Test
  void asJsonIsTheEventsAsTheControlPlaneSentThem() throws IOException {
    CliResult result = cli.run("audit", "--actor", "alice", "-o", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    List<AuditEventView> events =
        JSON.readValue(result.stdout(), new TypeReference<List<AuditEventView>>() {});
    List<AuditEventView> all = AuditEvents.oldestFirst();
    assertThat(events).containsExactly(all.get(3), all.get(0));
    assertThat(result.stdout()).contains("\"at\" : \"2025-03-01T09:12:00Z\"");
  }

  @Test
  void exportWritesTheCsvToTheFileAndSaysHowManyLines() throws IOException {
    Path file = temp.resolve("audit.csv");

    CliResult result = cli.run("audit", "--export", file.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(AuditEvents.csv(AuditEvents.oldestFirst()))
        .startsWith(
            "id,at,actor,action,parameters,outcome,detail\r\n1,2025-03-01T09:00:00Z,alice,");
    assertThat(result.stdout())
        .isEqualTo("Wrote 5 lines (a header and 4 events) to " + file.toAbsolutePath() + "\n");
    assertThat(controlPlane.readRequests()).containsExactly("GET /api/v1/audit/export");
  }

  @Test
  void exportAsJsonSaysWhereAndHowMany() throws IOException {
    Path file = temp.resolve("export.csv");
    controlPlane.withAuditEvents(List.of());

    CliResult result = cli.run("audit", "--export", file.toString(), "--output", "json");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(JSON.readTree(result.stdout()).get("lines").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(result.stdout()).get("events").asInt()).isZero();
    assertThat(JSON.readTree(result.stdout()).get("file").asText())
        .isEqualTo(file.toAbsolutePath().toString());
    assertThat(Files.readString(file))
        .isEqualTo("id,at,actor,action,parameters,outcome,detail\r\n");
  }

  @Test
  void exportWithAFilterIsAUsageErrorAndWritesNothing() {
    Path file = temp.resolve("audit.csv");

    CliResult result = cli.run("audit", "--export", file.toString(), "--actor", "bob");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("--export writes every event");
    assertThat(file).doesNotExist();
    assertThat(controlPlane.readRequests()).isEmpty();
  }

  @Test
  void exportToADirectoryThatDoesNotExistFailsWith3() {
    Path file = temp.resolve("missing").resolve("audit.csv");

    CliResult result = cli.run("audit", "--export", file.toString());

    assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
    assertThat(result.stderr()).contains("Cannot write the audit export to " + file);
  }
}
