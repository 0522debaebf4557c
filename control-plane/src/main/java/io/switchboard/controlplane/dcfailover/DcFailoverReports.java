package io.switchboard.controlplane.dcfailover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.dcfailover.DcFailoverReportView;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored DC failover reports (table {@code dc_failover_report}), as JSON. */
@Repository
class DcFailoverReports {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  DcFailoverReports(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores {@code report}, replacing the one of the same operation. */
  void save(DcFailoverReportView report) {
    String content;
    try {
      content = json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a DC failover report does not serialize", e);
    }
    jdbc.sql("DELETE FROM dc_failover_report WHERE id = ?").param(report.operationId()).update();
    jdbc.sql("INSERT INTO dc_failover_report (id, dc, content) VALUES (?, ?, ?)")
        .params(report.operationId(), report.dc(), content)
        .update();
  }

  Optional<DcFailoverReportView> find(String id) {
    return jdbc.sql("SELECT content FROM dc_failover_report WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(
            content -> {
              try {
                return json.readValue(content, DcFailoverReportView.class);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored DC failover report does not decode", e);
              }
            });
  }
}
