package io.switchboard.runtime.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

  @TempDir Path temp;

  private final NodeIdentity americas1 = new NodeIdentity("am-1", "americas");

  @Test
  void firstClaimCreatesTheDirectoryAndWritesTheIdentityFile() throws IOException {
    Path dataDir = temp.resolve("var").resolve("am-1");

    americas1.claim(dataDir);

    assertThat(Files.readString(dataDir.resolve(NodeIdentity.FILE_NAME)))
        .isEqualTo("node-id=am-1\ndc=americas\n");
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(dataDir.resolve(NodeIdentity.FILE_NAME));
    }
  }

  @Test
  void theSameNodeCanClaimItsDirectoryAgain() throws IOException {
    americas1.claim(temp);

    new NodeIdentity("am-1", "americas").claim(temp);

    assertThat(Files.readString(temp.resolve(NodeIdentity.FILE_NAME)))
        .isEqualTo("node-id=am-1\ndc=americas\n");
  }

  @Test
  void anotherNodeIsRefusedWithBothIdentitiesInTheMessage() throws IOException {
    americas1.claim(temp);

    assertThatThrownBy(() -> new NodeIdentity("eu-1", "europe").claim(temp))
        .isInstanceOf(ForeignDataDirectoryException.class)
        .hasMessageContaining("belongs to node am-1 in dc americas")
        .hasMessageContaining("not to node eu-1 in dc europe");
  }

  @Test
  void theSameNodeIdInAnotherDataCentreIsRefused() throws IOException {
    americas1.claim(temp);

    assertThatThrownBy(() -> new NodeIdentity("am-1", "europe").claim(temp))
        .isInstanceOf(ForeignDataDirectoryException.class);
  }

  @Test
  void anIdentityFileWithoutTheExpectedKeysIsRefused() throws IOException {
    Files.writeString(temp.resolve(NodeIdentity.FILE_NAME), "owner=someone\n");

    assertThatThrownBy(() -> americas1.claim(temp))
        .isInstanceOf(ForeignDataDirectoryException.class)
        .hasMessageContaining("not a valid node identity file");
  }

  @Test
  void aLeftoverTemporaryFileFromACrashedClaimIsReplaced() throws IOException {
    Files.writeString(temp.resolve(NodeIdentity.FILE_NAME + ".tmp"), "node-id=half-writ");

    americas1.claim(temp);

    assertThat(Files.readString(temp.resolve(NodeIdentity.FILE_NAME)))
        .isEqualTo("node-id=am-1\ndc=americas\n");
    assertThat(temp.resolve(NodeIdentity.FILE_NAME + ".tmp")).doesNotExist();
  }

  @Test
  void namesMustBeSafeForFilesLabelsAndThreadNames() {
    assertThatThrownBy(() -> new NodeIdentity("", "americas"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeIdentity("am 1", "americas"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeIdentity("am-1", "-americas"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeIdentity("a".repeat(65), "americas"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new NodeIdentity("a".repeat(64), "eu.west_1").dc()).isEqualTo("eu.west_1");
  }
}
