package io.switchboard.cli.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.api.auth.IssuedToken;
import io.switchboard.api.auth.TokenRequest;
import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.testing.ClosedPort;
import io.switchboard.cli.testing.FakeControlPlane;
import io.switchboard.cli.testing.Topologies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP clients against a fake control plane on a real loopback socket. */
class ControlPlaneClientsIT {

  private final FakeControlPlane controlPlane =
      FakeControlPlane.serving(Topologies.fourDataCentres()).withUser("alice", "pw", "VIEWER");
  private final ControlPlaneClients clients = new ControlPlaneClients(CliJson.newObjectMapper());

  @AfterEach
  void stopControlPlane() {
    controlPlane.close();
  }

  @Test
  void topologyIsReadWithTheBearerToken() {
    String token = controlPlane.acceptToken("t-1");

    assertThat(clients.topology(new Connection(controlPlane.url(), token)).topology())
        .isEqualTo(Topologies.fourDataCentres());
    assertThat(controlPlane.topologyAuthorizations()).containsExactly("Bearer t-1");
  }

  @Test
  void missingTokenIsNoAccessWithAHintToLogIn() {
    assertFailure(
        () -> clients.topology(new Connection(controlPlane.url(), null)).topology(),
        ExitStatus.NO_ACCESS,
        "The control plane at "
            + controlPlane.url()
            + " refused access (HTTP 401: Bearer token missing or invalid). Run 'login', or check"
            + " --token / SWITCHBOARD_TOKEN.");
  }

  @Test
  void forbiddenIsNoAccessToo() {
    String token = controlPlane.acceptToken("t-1");
    controlPlane.failTopology(403, "Forbidden", "requires role OPERATOR");

    assertFailure(
        () -> clients.topology(new Connection(controlPlane.url(), token)).topology(),
        ExitStatus.NO_ACCESS,
        "The control plane at "
            + controlPlane.url()
            + " refused access (HTTP 403: requires role OPERATOR). Run 'login', or check"
            + " --token / SWITCHBOARD_TOKEN.");
  }

  @Test
  void errorStatusIsAFailedOperationShowingTheProblemDetail() {
    String token = controlPlane.acceptToken("t-1");
    controlPlane.failTopology(409, "Conflict", "an evacuation of europe is running");

    assertFailure(
        () -> clients.topology(new Connection(controlPlane.url(), token)).topology(),
        ExitStatus.OPERATION_FAILED,
        "The control plane at "
            + controlPlane.url()
            + " could not do it (HTTP 409: an evacuation of europe is running).");
  }

  @Test
  void problemWithoutDetailShowsItsTitle() {
    String token = controlPlane.acceptToken("t-1");
    controlPlane.failTopology(404, "Not Found", null);

    assertFailure(
        () -> clients.topology(new Connection(controlPlane.url(), token)).topology(),
        ExitStatus.OPERATION_FAILED,
        "The control plane at " + controlPlane.url() + " could not do it (HTTP 404: Not Found).");
  }

  @Test
  void refusedConnectionIsNoAccessNamingTheUrl() {
    URI closed = URI.create(ClosedPort.url());

    assertFailure(
        () -> clients.topology(new Connection(closed, "t-1")).topology(),
        ExitStatus.NO_ACCESS,
        "Cannot reach the control plane at "
            + closed
            + ": connection refused. Check that it is running, and check --url / SWITCHBOARD_URL.");
  }

  @Test
  void tokenIsIssuedForBasicCredentials() {
    IssuedToken issued =
        clients.tokens(controlPlane.url()).issueToken(basic("alice", "pw"), new TokenRequest("l"));

    assertThat(issued.username()).isEqualTo("alice");
    assertThat(issued.role()).isEqualTo("VIEWER");
    assertThat(issued.expiresAt()).isEqualTo(FakeControlPlane.TOKEN_EXPIRY);
    assertThat(controlPlane.tokenLabels()).containsExactly("l");
  }

  @Test
  void wrongPasswordIsNoAccessWithAHintAboutTheCredentials() {
    assertFailure(
        () ->
            clients
                .tokens(controlPlane.url())
                .issueToken(basic("alice", "nope"), new TokenRequest("l")),
        ExitStatus.NO_ACCESS,
        "The control plane at "
            + controlPlane.url()
            + " refused access (HTTP 401: Bad credentials). Check the username and password.");
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void assertFailure(ThrowingCallable call, ExitStatus status, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CliFailure.class, failure -> assertThat(failure.status()).isEqualTo(status))
        .hasMessage(message);
  }
}
