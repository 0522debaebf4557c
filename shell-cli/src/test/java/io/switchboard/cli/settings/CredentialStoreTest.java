package io.switchboard.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.cli.exit.CliFailure;
import io.switchboard.cli.exit.ExitStatus;
import io.switchboard.cli.output.CliJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

  private static final Credentials ALICE =
      new Credentials(
          "http://localhost:8080", "secret-token", "alice", Instant.parse("2030-01-01T00:00:00Z"));

  @TempDir Path temp;

  private CredentialStore store(Path directory) {
    return new CredentialStore(directory, CliJson.newObjectMapper());
  }

  @Test
  void nothingSavedLoadsEmpty() {
    assertThat(store(temp.resolve("config")).load()).isEmpty();
  }

  @Test
  void savedCredentialsLoadBack() {
    CredentialStore store = store(temp.resolve("config"));

    store.save(ALICE);

    assertThat(store.load()).contains(ALICE);
  }

  @Test
  void fileIsOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
    Path directory = temp.resolve("config");

    store(directory).save(ALICE);

    assertThat(permissions(directory.resolve("credentials.json"))).isEqualTo("rw-------");
    assertThat(permissions(directory)).isEqualTo("rwx------");
  }

  @Test
  void saveReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
    Path directory = temp.resolve("config");
    CredentialStore store = store(directory);
    Credentials bob = new Credentials("https://cp.example", "other", "bob", Instant.EPOCH);

    store.save(ALICE);
    store.save(bob);

    assertThat(store.load()).contains(bob);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve("credentials.json"));
    }
  }

  @Test
  void timestampsAreWrittenAsIsoText() throws IOException {
    CredentialStore store = store(temp.resolve("config"));

    store.save(ALICE);

    assertThat(Files.readString(store.file())).contains("\"expiresAt\" : \"2030-01-01T00:00:00Z\"");
  }

  @Test
  void deleteReportsWhetherThereWasAnythingToDelete() {
    CredentialStore store = store(temp.resolve("config"));
    store.save(ALICE);

    assertThat(store.delete()).isTrue();
    assertThat(store.delete()).isFalse();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void unreadableFileIsANoAccessFailureThatSaysWhatToDo() throws IOException {
    Path directory = Files.createDirectories(temp.resolve("config"));
    Files.writeString(directory.resolve("credentials.json"), "{not json");

    assertThatThrownBy(() -> store(directory).load())
        .isInstanceOfSatisfying(
            CliFailure.class,
            failure -> assertThat(failure.status()).isEqualTo(ExitStatus.NO_ACCESS))
        .hasMessageContaining("Run 'logout' and 'login' again.");
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(ALICE.toString()).contains("alice").doesNotContain("secret-token");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
