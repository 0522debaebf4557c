package io.switchboard.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.testing.CliProcess;
import io.switchboard.cli.testing.CliResult;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login} and {@code logout} run as {@code java -jar switchboard-cli.jar}. */
class LoginIT {

  private static final String PASSWORD = "correct horse";

  @TempDir Path temp;

  private FakeControlPlane controlPlane;
  private Path config;
  private CliProcess cli;

  @BeforeEach
  void startControlPlane() {
    controlPlane =
        FakeControlPlane.serving(Topologies.fourDataCentres())
            .withUser("alice", PASSWORD, "OPERATOR");
    config = temp.resolve("config");
    cli = new CliProcess(config);
  }

  @AfterEach
  void stopControlPlane() {
    controlPlane.close();
  }

  @Test
  void loginSavesTheTokenForTheOwnerOnlyAndLaterCommandsUseIt() throws IOException {
    CliResult login =
        cli.standardInput(PASSWORD + "\n")
            .run("login", "--url", controlPlane.url().toString(), "--username", "alice");

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(login.stdout())
        .isEqualTo(
            "Logged in to %s as alice (OPERATOR) until %s.\n",
            controlPlane.url(), FakeControlPlane.TOKEN_EXPIRY);
    assertThat(login.stderr()).isEqualTo("Password: ").doesNotContain(PASSWORD);
    assertThat(controlPlane.tokenLabels()).singleElement().asString().startsWith("cli@");
    Path credentials = config.resolve("credentials.json");
    assertThat(permissions(credentials)).isEqualTo("rw-------");
    assertThat(permissions(config)).isEqualTo("rwx------");
    assertThat(Files.readString(credentials))
        .contains("\"url\" : \"" + controlPlane.url() + "\"")
        .contains("\"token\" : \"issued-token-1\"")
        .contains("\"username\" : \"alice\"")
        .contains("\"expiresAt\" : \"" + FakeControlPlane.TOKEN_EXPIRY + "\"");

    CliResult status = cli.standardInput("").run("status");

    assertThat(status.exitCode()).as("%s", status).isZero();
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer issued-token-1");

    CliResult logout = cli.run("logout");

    assertThat(logout.exitCode()).as("%s", logout).isZero();
    assertThat(logout.stdout()).startsWith("Logged out");
    assertThat(credentials).doesNotExist();
  }

  @Test
  void wrongPasswordExitsWith2AndSavesNothing() {
    CliResult login =
        cli.standardInput("alice\nguess\n").run("login", "--url", controlPlane.url().toString());

    assertThat(login.exitCode()).as("%s", login).isEqualTo(2);
    assertThat(login.stdout()).isEmpty();
    assertThat(login.stderr())
        .contains("HTTP 401: Bad credentials")
        .contains("Check the username and password.");
    assertThat(config.resolve("credentials.json")).doesNotExist();
  }

  @Test
  void passwordOptionReachesTheControlPlaneVerbatim() {
    String awkwardPassword = "a b\\c\"d'e!f";
    controlPlane.withUser("bob", awkwardPassword, "VIEWER");

    CliResult login =
        cli.run(
            "login",
            "--url",
            controlPlane.url().toString(),
            "--username",
            "bob",
            "--password",
            awkwardPassword);

    assertThat(login.exitCode()).as("%s", login).isZero();
    assertThat(login.stdout()).contains("as bob (VIEWER)");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
