package io.switchboard.controlplane.operation.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.drill.DrillReportView;
import io.switchboard.controlplane.operation.StepResult;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored drill reports (table {@code drill_report}), as JSON. */
@Repository
class DrillReports {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  DrillReports(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores {@code report}; a report stored again (a step run twice) replaces the first. */
  void save(DrillReportView report) {
    String content;
    try {
      content = json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a drill report does not serialize", e);
    }
    jdbc.sql("DELETE FROM drill_report WHERE id = ?").param(report.id()).update();
    jdbc.sql(
            "INSERT INTO drill_report (id, node, started_at, passed, content) VALUES (?, ?, ?, ?, ?)")
        .params(
            report.id(),
            report.node(),
            report.startedAt().atOffset(ZoneOffset.UTC),
            report.passed(),
            content)
        .update();
  }

  /**
   * Stores {@code report} and gives the drill's last step its outcome: done if every objective
   * passed, failed naming each verdict otherwise.
   */
  StepResult storeWithVerdict(DrillReportView report) {
    save(report);
    String verdicts =
        report.objectives().stream()
            .map(o -> o.name() + " " + o.measured() + (o.passed() ? " PASS" : " FAIL"))
            .collect(Collectors.joining(", "));
    return report.passed()
        ? new StepResult.Done("passed: " + verdicts)
        : new StepResult.Failed("objectives missed: " + verdicts);
  }

  Optional<DrillReportView> find(String id) {
    return jdbc.sql("SELECT content FROM drill_report WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(this::read);
  }

  List<DrillReportView> newest(int limit) {
    return jdbc
        .sql("SELECT content FROM drill_report ORDER BY started_at DESC LIMIT ?")
        .param(limit)
        .query(String.class)
        .list()
        .stream()
        .map(this::read)
        .toList();
  }

  private DrillReportView read(String content) {
    try {
      return json.readValue(content, DrillReportView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored drill report does not decode", e);
    }
  }
}
