package io.switchboard.cli.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.CliJson;
import io.switchboard.cli.settings.CredentialStore;
import io.switchboard.cli.settings.Credentials;
import io.switchboard.cli.settings.EnvironmentVariables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {

  private static final String SAVED_URL = "http://saved:8080";

  @TempDir Path config;

  private final Map<String, String> environment = new HashMap<>();
  private final EnvironmentVariables variables = name -> Optional.ofNullable(environment.get(name));

  private CredentialStore store() {
    return new CredentialStore(config, CliJson.newObjectMapper());
  }

  private ConnectionResolver resolver() {
    return new ConnectionResolver(variables, store());
  }

  private void saveLogin() {
    store().save(new Credentials(SAVED_URL, "saved-token", "alice", Instant.EPOCH));
  }

  @Test
  void withNothingSetTheDefaultUrlIsUsedWithoutToken() {
    Connection connection = resolver().resolve(null, null);

    assertThat(connection.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(connection.bearerToken()).isEmpty();
  }

  @Test
  void savedLoginBeatsTheDefault() {
    saveLogin();

    assertThat(resolver().resolve(null, null))
        .isEqualTo(new Connection(URI.create(SAVED_URL), "saved-token"));
  }

  @Test
  void environmentBeatsTheSavedLogin() {
    saveLogin();
    environment.put("SWITCHBOARD_URL", "http://env:8080");
    environment.put("SWITCHBOARD_TOKEN", "env-token");

    assertThat(resolver().resolve(null, null))
        .isEqualTo(new Connection(URI.create("http://env:8080"), "env-token"));
  }

  @Test
  void optionsBeatTheEnvironment() {
    environment.put("SWITCHBOARD_URL", "http://env:8080");
    environment.put("SWITCHBOARD_TOKEN", "env-token");

    assertThat(resolver().resolve("http://option:8080", "option-token"))
        .isEqualTo(new Connection(URI.create("http://option:8080"), "option-token"));
  }

  @Test
  void urlAndTokenAreChosenIndependently() {
    saveLogin();
    environment.put("SWITCHBOARD_TOKEN", "env-token");

    assertThat(resolver().resolve(null, null))
        .isEqualTo(new Connection(URI.create(SAVED_URL), "env-token"));
  }

  @Test
  void savedTokenIsNeverSentToAnotherControlPlane() {
    saveLogin();

    Connection connection = resolver().resolve("http://elsewhere:8080", null);

    assertThat(connection.bearerToken()).isEmpty();
  }

  @Test
  void savedTokenIsUsedWhenTheUrlDiffersOnlyByATrailingSlash() {
    saveLogin();

    assertThat(resolver().resolve(SAVED_URL + "/", null).bearerToken()).contains("saved-token");
  }

  @Test
  void credentialsFileIsNotReadWhenOptionsOrEnvironmentDecideEverything() throws IOException {
    Files.writeString(config.resolve("credentials.json"), "{corrupt");
    environment.put("SWITCHBOARD_TOKEN", "env-token");

    assertThat(resolver().resolve("http://option:8080", null).bearerToken()).contains("env-token");
  }

  @Test
  void loginUrlFollowsTheSameOrder() {
    saveLogin();

    assertThat(resolver().resolveUrl(null)).isEqualTo(URI.create(SAVED_URL));
    environment.put("SWITCHBOARD_URL", "http://env:8080");
    assertThat(resolver().resolveUrl(null)).isEqualTo(URI.create("http://env:8080"));
    assertThat(resolver().resolveUrl("https://option")).isEqualTo(URI.create("https://option"));
  }

  @Test
  void urlThatIsNotHttpIsAUsageError() {
    assertThatThrownBy(() -> resolver().resolve("localhost:8080", "token"))
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.USAGE_ERROR))
        .hasMessageStartingWith("Invalid control plane URL 'localhost:8080'");
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(new Connection(URI.create(SAVED_URL), "saved-token").toString())
        .doesNotContain("saved-token");
  }
}
