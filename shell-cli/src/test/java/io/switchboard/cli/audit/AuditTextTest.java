package io.switchboard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuditTextTest {

  @Test
  void countsCsvRecordsNotLineBreaksInsideQuotedFields() {
    assertThat(AuditText.csvRecords("")).isZero();
    assertThat(AuditText.csvRecords("id,at\r\n")).isEqualTo(1);
    assertThat(AuditText.csvRecords("id,at\r\n1,\"a\r\nb\"\r\n2,\"x\"\"y\"\r\n")).isEqualTo(3);
    assertThat(AuditText.csvRecords("id,at\r\n1,x")).isEqualTo(2);
  }

  @Test
  void exportLineNamesTheFileAndTheCounts() {
    assertThat(AuditText.exported(Path.of("/tmp/a.csv"), 2))
        .isEqualTo("Wrote 2 lines (a header and 1 event) to /tmp/a.csv");
  }
}
