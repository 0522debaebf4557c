package io.switchboard.cli.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.exit.CliFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The credentials file {@code credentials.json} in the configuration directory.
 *
 * <p>Invariants: the file is readable and writable by its owner only ({@code 0600}, in a {@code
 * 0700} directory when this store creates it), and a reader sees either the old or the new complete
 * file, never a partial one: {@link #save} writes a private temporary file in the same directory,
 * forces it to disk and renames it over the old file atomically.
 */
public final class CredentialStore {

  static final String FILE_NAME = "credentials.json";

  private final Path directory;
  private final ObjectMapper json;

  /**
   * @param directory the configuration directory ({@link ConfigDirectory}); created on save
   * @param json reads and writes {@link Credentials}
   */
  public CredentialStore(Path directory, ObjectMapper json) {
    this.directory = directory;
    this.json = json;
  }

  /** Where the credentials are kept. */
  public Path file() {
    return directory.resolve(FILE_NAME);
  }

  /**
   * The saved credentials, or empty when none are saved.
   *
   * @throws CliFailure exit status 2, when the file exists but cannot be read or parsed
   */
  public Optional<Credentials> load() {
    try {
      return Optional.of(json.readValue(Files.readAllBytes(file()), Credentials.class));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      throw CliFailure.noAccess(
          "Cannot read the saved credentials in "
              + file()
              + " ("
              + unreadable.getMessage()
              + "). Run 'logout' and 'login' again.",
          unreadable);
    }
  }

  /**
   * Replaces the saved credentials atomically, readable by the owner only.
   *
   * @throws CliFailure exit status 3, when the file cannot be written
   */
  public void save(Credentials credentials) {
    Path temporary = null;
    try {
      Files.createDirectories(directory, ownerOnly("rwx------"));
      temporary = Files.createTempFile(directory, ".credentials-", ".tmp", ownerOnly("rw-------"));
      byte[] content = json.writeValueAsBytes(credentials);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.move(
          temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException failure) {
      deleteQuietly(temporary);
      throw CliFailure.operationFailed(
          "Cannot save the credentials to " + file() + ": " + failure.getMessage(), failure);
    }
  }

  /**
   * Deletes the saved credentials.
   *
   * @return whether there were credentials to delete
   * @throws CliFailure exit status 3, when the file exists but cannot be deleted
   */
  public boolean delete() {
    try {
      return Files.deleteIfExists(file());
    } catch (IOException failure) {
      throw CliFailure.operationFailed(
          "Cannot delete the credentials in " + file() + ": " + failure.getMessage(), failure);
    }
  }

  private FileAttribute<?>[] ownerOnly(String permissions) {
    boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException ignored) {
      // The save already failed; that failure is the one to report.
    }
  }
}
