package io.switchboard.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the packaged CLI treats its command line, run as {@code java -jar switchboard-cli.jar}. */
class CommandLineIT {

  @TempDir Path temp;

  private CliProcess cli() {
    return new CliProcess(temp.resolve("config"));
  }

  @Test
  void unknownCommandIsAUsageErrorReportedOnStandardError() {
    CliResult result = cli().run("statuz");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo("Error: Unknown command 'statuz'. Run 'help' to list the commands.\n");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliResult result = cli().run("status", "--colour", "always");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("Unrecognised option '--colour'");
  }

  @Test
  void commandHelpDocumentsTheExitStatuses() {
    CliResult result = cli().run("help", "status");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout())
        .contains("Exit status: 0 ok; 1 usage error; 2 control plane unreachable")
        .contains("--output")
        .contains("--url")
        .contains("--token");
  }

  @Test
  void withoutArgumentsTheInteractiveShellRunsCommandsUntilInputEnds() {
    try (FakeControlPlane controlPlane = FakeControlPlane.serving(Topologies.fourDataCentres())) {
      String token = controlPlane.acceptToken("interactive-token");
      String commands = "statuz\nstatus --url " + controlPlane.url() + " --token " + token + "\n";

      CliResult result = cli().standardInput(commands).run();

      assertThat(result.exitCode()).as("%s", result).isZero();
      assertThat(result.stdout())
          .startsWith("switchboard:>")
          .contains("4 data centres, 12 nodes: 11 up, 1 down");
      assertThat(result.stderr()).contains("Unknown command 'statuz'");
      assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer " + token);
    }
  }
}
