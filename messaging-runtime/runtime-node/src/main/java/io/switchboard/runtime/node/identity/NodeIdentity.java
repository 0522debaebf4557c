package io.switchboard.runtime.node.identity;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Who a node is: its id and data centre. Also the owner of a data directory, recorded there in the
 * {@value #FILE_NAME} file so that a directory is never opened by another node by mistake.
 *
 * @param nodeId the node id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or
 *     digit
 * @param dc the data centre, same syntax as {@code nodeId}
 */
public record NodeIdentity(String nodeId, String dc) {

  /** The identity file inside a data directory. */
  public static final String FILE_NAME = "node.identity";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String NODE_ID_KEY = "node-id";
  private static final String DC_KEY = "dc";

  public NodeIdentity {
    requireName("nodeId", nodeId);
    requireName("dc", dc);
  }

  /**
   * Makes {@code dataDir} this node's data directory, or verifies that it already is.
   *
   * <ol>
   *   <li>Create the directory (and parents) if missing.
   *   <li>If {@value #FILE_NAME} exists, read it; a different identity, or an unreadable file, is
   *       refused with {@link ForeignDataDirectoryException}. Done.
   *   <li>Otherwise write the identity to a temporary file, force it to disk, rename it atomically
   *       to {@value #FILE_NAME} and force the directory, so a crash leaves either no identity file
   *       or a complete one.
   * </ol>
   *
   * @throws ForeignDataDirectoryException if the directory belongs to another node
   * @throws IOException if the directory cannot be created, read or written
   */
  public void claim(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      verifyOwner(file);
    } else {
      write(file);
    }
  }

  private void verifyOwner(Path file) throws IOException {
    Properties stored = new Properties();
    stored.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    String storedNodeId = stored.getProperty(NODE_ID_KEY);
    String storedDc = stored.getProperty(DC_KEY);
    if (storedNodeId == null || storedDc == null) {
      throw new ForeignDataDirectoryException(
          file + " is not a valid node identity file; expected the keys node-id and dc");
    }
    if (!storedNodeId.equals(nodeId) || !storedDc.equals(dc)) {
      throw new ForeignDataDirectoryException(
          "data directory "
              + file.getParent()
              + " belongs to node "
              + storedNodeId
              + " in dc "
              + storedDc
              + ", not to node "
              + nodeId
              + " in dc "
              + dc
              + "; refusing to start");
    }
  }

  private void write(Path file) throws IOException {
    String content = NODE_ID_KEY + "=" + nodeId + "\n" + DC_KEY + "=" + dc + "\n";
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file.getParent());
  }

  /**
   * Makes the rename durable. Directories can be opened and forced on Linux and macOS, the
   * platforms nodes run on; where the platform refuses to open a directory the rename stays atomic
   * but its durability is left to the file system.
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException platformCannotOpenDirectories) {
      // Atomicity is already guaranteed by the rename; see the method comment.
    }
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit: "
              + value);
    }
  }
}
